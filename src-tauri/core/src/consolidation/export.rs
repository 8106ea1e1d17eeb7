//! Exporter un paquet : les fiches du périmètre (celles datées, dans la période), leurs parties,
//! puis tout ce qu'elles citent (annuaire, IPE d'une autre académie…), chaque table après celles
//! qu'elle désigne.

use super::fiches::{ident, Lecteur};
use super::paquet::{self, Contenu, Manifeste};
use super::schema::{self, Schema, ANNUAIRE};
use super::{identite, Perimetre, Portee};
use crate::annuaire::academies;
use crate::dates::{GenrePeriode, Periode};
use crate::rapport::{Document, Genre};
use crate::vocabulaire::Code;
use crate::{Erreur, Resultat};
use rusqlite::Connection;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DemandeExport {
    pub perimetre: Perimetre,
    pub periode: Periode,
    /// Code ou nom de l'académie, « national » pour les fiches sans académie ; vide : toutes.
    #[serde(default)]
    pub academie: String,
}

/// Ce que la fenêtre envoie : des textes, contrôlés ici champ par champ.
#[derive(Debug, Clone, Deserialize)]
pub struct SaisieExport {
    pub perimetre: String,
    /// « civile » ou « scolaire ».
    pub genre_periode: String,
    /// « 2007 », ou « 2007-2008 » pour une année scolaire.
    pub annee: String,
    #[serde(default)]
    pub academie: String,
}

/// La demande d'export d'une saisie de la fenêtre, contrôlée : périmètre, période, portée et nom
/// de la base (il dit d'où vient le paquet).
pub fn demande_valide(conn: &Connection, s: &SaisieExport) -> Resultat<DemandeExport> {
    let mut c = crate::Controle::default();
    let perimetre = c.champ("perimetre", Perimetre::choisi(&s.perimetre, "le périmètre"));
    let genre = c.champ(
        "genre_periode",
        GenrePeriode::choisi(&s.genre_periode, "le genre d'année"),
    );
    let annee = s.annee.trim();
    let annee = c.champ(
        "annee",
        match (genre, annee.contains(['-', '/'])) {
            (Some(GenrePeriode::Scolaire), true) => crate::dates::lire_annee_scolaire(annee),
            _ => crate::dates::lire_annee(annee),
        },
    );
    let (perimetre, genre, annee) =
        c.fin_avec(perimetre.zip(genre).zip(annee).map(|((p, g), a)| (p, g, a)))?;
    let d = DemandeExport {
        perimetre,
        periode: match genre {
            GenrePeriode::Civile => Periode::Civile(annee),
            GenrePeriode::Scolaire => Periode::Scolaire(annee),
        },
        academie: s.academie.clone(),
    };
    academie(conn, &d.academie)?;
    nommee(conn)?;
    Ok(d)
}

/// Le nom de la base, inscrit dans ses paquets, dit d'où ils viennent : il doit être donné.
fn nommee(conn: &Connection) -> Resultat<super::Identite> {
    let moi = identite(conn)?;
    if moi.nom.trim().is_empty() {
        return Err(Erreur::validation(
            "nom",
            "Cette base n'a pas encore de nom : donnez-lui en un dans Paramètres › Identité de la base (par exemple « DAET Lille »), il dira d'où vient le paquet.",
        ));
    }
    Ok(moi)
}

/// Une table qui ouvre un périmètre : ses fiches n'entrent que par leur période (si elles sont
/// datées) et par l'académie, la leur ou celle de leur fiche mère (`mere` : table, colonne qui
/// la désigne) ; jamais comme partie d'une autre (une réunion n'entre pas parce que sa
/// convention est exportée).
struct Racine {
    table: &'static str,
    datee: bool,
    mere: Option<(&'static str, &'static str)>,
    /// Une condition de plus (une réunion du périmètre CET est celle d'une animation).
    aussi: &'static str,
}

impl Racine {
    const fn propre(table: &'static str, datee: bool) -> Racine {
        Racine {
            table,
            datee,
            mere: None,
            aussi: "",
        }
    }

    const fn de(table: &'static str, datee: bool, mere: (&'static str, &'static str)) -> Racine {
        Racine {
            table,
            datee,
            mere: Some(mere),
            aussi: "",
        }
    }

    /// `SELECT t.id …` : ?1, ?2 bornes de la période, ?3 l'académie (voir `filtre_academie`).
    fn requete(&self) -> String {
        let (jointure, academie) = match self.mere {
            Some((mere, colonne)) => (
                format!(" JOIN {mere} m ON m.id = t.{colonne}"),
                "m.academie_id",
            ),
            None => (String::new(), "t.academie_id"),
        };
        let periode = if self.datee {
            "t.date BETWEEN ?1 AND ?2 AND "
        } else {
            ""
        };
        format!(
            "SELECT t.id FROM {} t{jointure} WHERE {periode}{}{}",
            self.table,
            filtre_academie(academie),
            self.aussi
        )
    }
}

/// Le filtre par académie des fiches exportées : ?3 vaut 0 pour toutes, -1 pour le niveau
/// national (fiches sans académie), l'id de l'académie sinon.
fn filtre_academie(colonne: &str) -> String {
    format!("(?3 = 0 OR coalesce({colonne}, -1) = ?3)")
}

const COMITE: (&str, &str) = ("comite_clee", "comite_id");
const CONVENTION: (&str, &str) = ("convention", "convention_id");
const IPE: &[Racine] = &[
    Racine::propre("ipe", false),
    Racine::propre("action_ipe", true),
];
const CLEE: &[Racine] = &[
    Racine::propre("comite_clee", false),
    Racine::de("action_clee", true, COMITE),
    Racine::de("reunion", true, COMITE),
    Racine::de("suivi_action", false, COMITE),
];
const CET: &[Racine] = &[
    Racine::propre("cet", false),
    Racine {
        aussi: " AND EXISTS (SELECT 1 FROM animation_cet a WHERE a.reunion_id = t.id)",
        ..Racine::propre("reunion", true)
    },
];
const CONVENTIONS: &[Racine] = &[
    Racine::propre("convention", false),
    Racine::de("reunion", true, CONVENTION),
    Racine::de("suivi_action", false, CONVENTION),
];

/// Les tables qui ouvrent le périmètre.
fn racines(p: Perimetre) -> impl Iterator<Item = &'static Racine> {
    let groupes: &[&[Racine]] = match p {
        Perimetre::Ipe => &[IPE],
        Perimetre::Clee => &[CLEE],
        Perimetre::Cet => &[CET],
        Perimetre::Conventions => &[CONVENTIONS],
        Perimetre::Tout => &[IPE, CLEE, CET, CONVENTIONS],
    };
    groupes.iter().flat_map(|g| g.iter())
}

/// Une table qui ouvre un périmètre, quel qu'il soit.
fn est_racine(table: &str) -> bool {
    racines(Perimetre::Tout).any(|r| r.table == table)
}

type Ensembles = BTreeMap<String, BTreeSet<i64>>;

/// La portée demandée : (filtre des requêtes, code inscrit au manifeste).
fn academie(conn: &Connection, saisie: &str) -> Resultat<Option<(i64, String)>> {
    let s = saisie.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if crate::texte::normaliser(s).starts_with(Portee::National.code()) {
        return Ok(Some((-1, Portee::National.code().into())));
    }
    match academies::chercher(conn, s)? {
        Some(a) => Ok(Some((a.id, a.code))),
        None => Err(Erreur::validation(
            "academie",
            format!("Aucune académie ne porte le code ou le nom « {s} »."),
        )),
    }
}

/// Les fiches apportées en propre : racines du périmètre, puis leurs parties.
fn propres(conn: &Connection, s: &Schema, d: &DemandeExport, academie: i64) -> Resultat<Ensembles> {
    let (debut, fin) = d.periode.bornes();
    let (debut, fin) = (crate::dates::iso(debut), crate::dates::iso(fin));
    let mut ensembles = Ensembles::new();
    for r in racines(d.perimetre) {
        let ids: Vec<i64> =
            crate::base::toutes(conn, &r.requete(), rusqlite::params![debut, fin, academie])?;
        ensembles.entry(r.table.into()).or_default().extend(ids);
    }
    let parties: Vec<_> = s
        .fiches
        .iter()
        .filter(|t| !est_racine(&t.nom) && !ANNUAIRE.contains(&t.nom.as_str()))
        .collect();
    loop {
        let mut ajout = false;
        for t in &parties {
            for c in &t.cles {
                let Some(meres) = ensembles.get(&c.cible).cloned() else {
                    continue;
                };
                let lignes: Vec<(i64, i64)> = crate::base::toutes(
                    conn,
                    &format!(
                        "SELECT id, {col} FROM {} WHERE {col} IS NOT NULL",
                        ident(&t.nom),
                        col = ident(&c.colonne)
                    ),
                    [],
                )?;
                let e = ensembles.entry(t.nom.clone()).or_default();
                for (id, mere) in lignes {
                    if meres.contains(&mere) {
                        ajout |= e.insert(id);
                    }
                }
            }
        }
        if !ajout {
            return Ok(ensembles);
        }
    }
}

/// Les colonnes d'un référentiel cité, pour le recréer ailleurs s'il y manque.
fn referentiel(conn: &Connection, table: &str, id: i64) -> Resultat<Option<String>> {
    let sql = match table {
        "academie" => "SELECT json_object('code', code, 'nom', nom) FROM academie WHERE id = ?1",
        "bassin" => "SELECT json_object('academie', (SELECT code FROM academie a WHERE a.id = b.academie_id), 'nom', nom) FROM bassin b WHERE id = ?1",
        "cpc" => "SELECT json_object('nom', nom) FROM cpc WHERE id = ?1",
        "theme_ipe" => "SELECT json_object('code', code, 'libelle', libelle, 'ordre', ordre) FROM theme_ipe WHERE id = ?1",
        _ => return Ok(None),
    };
    crate::base::une(conn, sql, [id])
}

/// Fiches lues : (table, id) → (uid, apportée en propre, JSON canonique).
type Lues = BTreeMap<(String, i64), (String, bool, String)>;

/// Ce que les fiches lues citent, et ce que citent les fiches citées, jusqu'au bout.
fn lire_citees(lecteur: &mut Lecteur, lues: &mut Lues) -> Resultat<()> {
    loop {
        let a_lire: Vec<(String, i64)> = lecteur
            .citees
            .iter()
            .filter(|k| !lues.contains_key(*k))
            .cloned()
            .collect();
        if a_lire.is_empty() {
            break;
        }
        for (table, id) in a_lire {
            match (lecteur.cle(&table, id)?, lecteur.donnees(&table, id)?) {
                (Some(uid), Some(donnees)) => {
                    lues.insert((table, id), (uid, false, donnees));
                }
                _ => {
                    lecteur.citees.remove(&(table, id));
                }
            }
        }
    }
    Ok(())
}

/// Le manifeste et le contenu du paquet demandé.
pub fn exporter(conn: &Connection, d: &DemandeExport) -> Resultat<(Manifeste, Contenu)> {
    d.periode
        .verifier()
        .map_err(|m| Erreur::validation("periode", m))?;
    let moi = nommee(conn)?;
    let academie = academie(conn, &d.academie)?;
    let s = schema::lire(conn)?;
    let propres = propres(conn, &s, d, academie.as_ref().map_or(0, |a| a.0))?;
    let mut lecteur = Lecteur::nouveau(conn, &s);
    let mut lues = Lues::new();
    for (table, ids) in &propres {
        for id in ids {
            let (Some(uid), Some(donnees)) =
                (lecteur.cle(table, *id)?, lecteur.donnees(table, *id)?)
            else {
                continue;
            };
            lues.insert((table.clone(), *id), (uid, true, donnees));
        }
    }
    lire_citees(&mut lecteur, &mut lues)?;
    let rang: BTreeMap<&str, usize> = s
        .fiches
        .iter()
        .enumerate()
        .map(|(i, t)| (t.nom.as_str(), i))
        .collect();
    let mut fiches: Vec<_> = lues.into_iter().collect();
    fiches.sort_by_key(|((t, id), _)| (rang.get(t.as_str()).copied().unwrap_or(usize::MAX), *id));
    let mut contenu = Contenu::default();
    for (table, id) in lecteur.referentiels.clone() {
        if let (Some(cle), Some(donnees)) =
            (lecteur.cle(&table, id)?, referentiel(conn, &table, id)?)
        {
            contenu.referentiels.push((table, cle, donnees));
        }
    }
    let mut comptes = BTreeMap::new();
    for ((table, _), (uid, propre, donnees)) in fiches {
        if propre {
            *comptes.entry(table.clone()).or_insert(0) += 1;
        }
        contenu.fiches.push((table, uid, propre, donnees));
    }
    let mut m = Manifeste {
        source_uid: moi.uid,
        source_nom: moi.nom,
        source_academie: moi.academie,
        perimetre: d.perimetre,
        portee: academie.map(|a| a.1).unwrap_or_default(),
        periode: d.periode.libelle(),
        version_schema: crate::base::VERSION_SCHEMA,
        cree_le: crate::dates::maintenant(),
        comptes,
        empreinte: String::new(),
    };
    m.empreinte = m.calculer_empreinte(&contenu);
    Ok((m, contenu))
}

/// Le paquet, prêt pour « Enregistrer sous » : « Paquet IPE 2007 - Lille - DAET Lille.passerelle ».
pub fn document_paquet(conn: &Connection, d: &DemandeExport) -> Resultat<Document> {
    let (m, c) = exporter(conn, d)?;
    let mut titre = format!("Paquet {} {}", nom_court(m.perimetre), m.periode);
    if !m.portee.is_empty() {
        titre.push_str(&format!(
            " - {}",
            super::sources::nom_de_portee(conn, &m.portee)?
        ));
    }
    titre.push_str(&format!(" - {}", m.source_nom));
    Ok(Document::nouveau(
        &titre,
        Genre::Paquet,
        paquet::octets(&m, &c)?,
    ))
}

fn nom_court(p: Perimetre) -> &'static str {
    match p {
        Perimetre::Ipe => "IPE",
        Perimetre::Clee => "CLEE",
        Perimetre::Cet => "CET",
        Perimetre::Conventions => "conventions",
        Perimetre::Tout => "complet",
    }
}
