//! Import du registre des CET depuis les listes académiques : CSV (« ; » ou « , », UTF-8 avec
//! ou sans BOM, Windows-1252) ou classeur .xlsx / .ods. Les colonnes se reconnaissent à leur
//! en-tête (ou se choisissent dans l'aperçu) ; tout ou rien : une ligne fautive et rien n'est
//! écrit, un message par ligne. Une ligne qui reprend une personne déjà au registre (mêmes nom,
//! prénom et courriel) est signalée et n'est pas doublée.

use super::registre::{self, SaisieCet};
use super::{mandats, Designation, StatutPro};
use crate::annuaire::organisations::{self, TypeOrganisation};
use crate::annuaire::recherche;
use crate::annuaire::{academies, bassins, personnes};
use crate::vocabulaire::Code;
use crate::{csv, tableur, texte, Controle, Erreur, Resultat};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Champs de l'import : (clé, libellé, obligatoire, autres en-têtes reconnus).
pub const CHAMPS: &[(&str, &str, bool, &[&str])] = &[
    ("civilite", "Civilité", false, &["civ"]),
    ("nom", "Nom", true, &["nom_de_famille"]),
    ("prenom", "Prénom", true, &[]),
    (
        "email",
        "Courriel professionnel",
        false,
        &["courriel", "mail", "e-mail", "adresse_electronique"],
    ),
    (
        "telephone",
        "Téléphone",
        false,
        &["tel", "telephone_professionnel"],
    ),
    ("employeur", "Employeur", false, &["entreprise"]),
    (
        "secteur",
        "Secteur professionnel",
        false,
        &["secteur_professionnel", "secteur_d'activite"],
    ),
    (
        "cpc",
        "CPC",
        false,
        &["commission_professionnelle_consultative"],
    ),
    (
        "organisation_proposante",
        "Organisation proposante",
        false,
        &["proposee_par", "propose_par", "organisation"],
    ),
    ("academie", "Académie", true, &[]),
    ("bassin", "Bassin", false, &[]),
    ("debut_mandat", "Début du mandat", true, &["debut"]),
    ("fin_mandat", "Fin du mandat", true, &["fin"]),
    (
        "statut",
        "Statut professionnel",
        false,
        &["statut_professionnel"],
    ),
    (
        "specialites",
        "Spécialités, diplômes",
        false,
        &["diplomes", "specialite"],
    ),
    ("date_arrete", "Date de l'arrêté", false, &["arrete"]),
];

/// Colonnes d'un fichier correctement formé, dans l'ordre (celles de l'export).
pub fn entetes() -> Vec<&'static str> {
    CHAMPS.iter().map(|c| c.0).collect()
}

fn cle_entete(e: &str) -> String {
    texte::normaliser(e).replace(' ', "_")
}

/// Correspondance proposée : pour chaque champ, la colonne du fichier qui porte son nom.
fn correspondance_auto(entetes: &[String]) -> BTreeMap<String, usize> {
    let cles: Vec<String> = entetes.iter().map(|e| cle_entete(e)).collect();
    let mut m = BTreeMap::new();
    for (champ, _, _, autres) in CHAMPS {
        let trouve = cles.iter().position(|k| k == champ).or_else(|| {
            cles.iter()
                .position(|k| autres.iter().any(|a| cle_entete(a) == *k))
        });
        if let Some(i) = trouve {
            m.insert(champ.to_string(), i);
        }
    }
    m
}

#[derive(Debug, Serialize)]
pub struct ChampApercu {
    pub champ: &'static str,
    pub libelle: &'static str,
    pub obligatoire: bool,
    pub colonne: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct Apercu {
    pub format: String,
    pub colonnes: Vec<String>,
    pub champs: Vec<ChampApercu>,
    pub exemples: Vec<Vec<String>>,
    pub lignes: usize,
}

/// Ce que l'écran montre avant l'import : colonnes du fichier, correspondance proposée, premières lignes.
pub fn apercu(octets: &[u8]) -> Resultat<Apercu> {
    let t = tableur::lire(octets).map_err(|e| Erreur::Import(vec![e]))?;
    let m = correspondance_auto(&t.entetes);
    Ok(Apercu {
        format: t.format(),
        champs: CHAMPS
            .iter()
            .map(|(champ, libelle, obligatoire, _)| ChampApercu {
                champ,
                libelle,
                obligatoire: *obligatoire,
                colonne: m.get(*champ).copied(),
            })
            .collect(),
        exemples: t.lignes.iter().take(5).map(|l| l.valeurs.clone()).collect(),
        lignes: t.lignes.len(),
        colonnes: t.entetes,
    })
}

#[derive(Debug, Serialize)]
pub struct CompteRendu {
    pub lignes: usize,
    pub importees: usize,
    pub essai: bool,
    pub format: String,
    /// Lignes non importées car la personne est déjà au registre (ou deux fois dans le fichier).
    pub doublons: Vec<String>,
    /// Organisations et personnes créées en passant.
    pub creations: Vec<String>,
}

/// Même personne : mêmes nom, prénom et courriel, accents et casse ignorés.
fn cle_personne(nom: &str, prenom: &str, email: &str) -> String {
    format!(
        "{}|{}|{}",
        texte::normaliser(nom),
        texte::normaliser(prenom),
        email.trim().to_lowercase()
    )
}

/// Les personnes de l'annuaire : clé → (identifiant, déjà au registre des CET).
fn personnes_existantes(conn: &Connection) -> Resultat<HashMap<String, (i64, bool)>> {
    let mut st = conn.prepare("SELECT p.id, p.nom, p.prenom, p.email, x.id IS NOT NULL FROM personne p LEFT JOIN cet x ON x.personne_id = p.id ORDER BY p.id DESC")?;
    let v = st
        .query_map([], |r| {
            Ok((
                cle_personne(
                    &r.get::<_, String>(1)?,
                    &r.get::<_, String>(2)?,
                    &r.get::<_, String>(3)?,
                ),
                (r.get(0)?, r.get(4)?),
            ))
        })?
        .collect::<Result<HashMap<_, _>, _>>()?;
    Ok(v)
}

/// Refuse une correspondance sans colonne obligatoire ou qui désigne une colonne absente.
fn verifier_correspondance(m: &BTreeMap<String, usize>, colonnes: &[String]) -> Resultat<()> {
    let manquants: Vec<&str> = CHAMPS
        .iter()
        .filter(|c| c.2 && !m.contains_key(c.0))
        .map(|c| c.1)
        .collect();
    if !manquants.is_empty() {
        return Err(Erreur::Import(vec![format!(
            "Colonnes obligatoires introuvables : {}. En-têtes attendus : {}.",
            manquants.join(", "),
            entetes().join(";")
        )]));
    }
    if let Some((champ, i)) = m.iter().find(|(_, i)| **i >= colonnes.len()) {
        return Err(Erreur::Import(vec![format!(
            "La colonne n° {} choisie pour « {champ} » n'existe pas dans le fichier.",
            i + 1
        )]));
    }
    Ok(())
}

/// « M », « Monsieur », « mme »… ; vide si la colonne l'est.
fn civilite(saisie: &str, c: &mut Controle) -> &'static str {
    match texte::normaliser(saisie).trim_end_matches('.') {
        "" => "",
        "m" | "monsieur" => "M.",
        "mme" | "madame" => "Mme",
        _ => {
            c.ajouter(
                "civilite",
                format!("civilité « {saisie} » inconnue (M. ou Mme)."),
            );
            ""
        }
    }
}

/// Le statut par son code ou son libellé ; « non renseigné » si la colonne est vide.
fn statut(saisie: &str, c: &mut Controle) -> Option<StatutPro> {
    let statut = match saisie {
        "" => Some(StatutPro::NonRenseigne),
        x => StatutPro::TOUS
            .iter()
            .copied()
            .find(|s| texte::normaliser(s.libelle()) == texte::normaliser(x) || s.code() == x),
    };
    if statut.is_none() {
        c.ajouter("statut", format!("statut « {saisie} » inconnu."));
    }
    statut
}

/// La CPC nommée dans le fichier, qui doit déjà être dans la liste.
fn cpc(tx: &Connection, nom: &str, c: &mut Controle) -> Resultat<Option<i64>> {
    if nom.is_empty() {
        return Ok(None);
    }
    let id: Option<i64> = tx
        .query_row(
            "SELECT id FROM cpc WHERE normaliser(nom) = normaliser(?1)",
            [nom],
            |r| r.get(0),
        )
        .optional()?;
    if id.is_none() {
        c.ajouter(
            "cpc",
            format!("CPC « {nom} » inconnue : ajoutez-la d'abord à la liste des CPC."),
        );
    }
    Ok(id)
}

/// L'académie et le bassin nommés dans le fichier.
fn academie_et_bassin(
    tx: &Connection,
    cache: &mut HashMap<String, Option<i64>>,
    academie: &str,
    bassin: &str,
    c: &mut Controle,
) -> Resultat<(Option<i64>, Option<i64>)> {
    let academie_id = academies::trouver_en_cache(tx, cache, academie)?;
    if academie_id.is_none() {
        c.ajouter("academie", format!("académie « {academie} » inconnue."));
    }
    let bassin_id = match academie_id {
        Some(a) if !bassin.is_empty() => match bassins::trouver(tx, a, bassin) {
            Ok(x) => Some(x.id),
            Err(Erreur::Introuvable(_)) => {
                c.ajouter(
                    "bassin",
                    format!("bassin « {bassin} » inconnu dans cette académie."),
                );
                None
            }
            Err(e) => return Err(e),
        },
        _ => None,
    };
    Ok((academie_id, bassin_id))
}

/// Une ligne du fichier, contrôlée : ce qu'il faut pour écrire le CET.
struct LigneCet {
    civilite: &'static str,
    nom: String,
    prenom: String,
    email: String,
    academie_id: Option<i64>,
    bassin_id: Option<i64>,
    cpc_id: Option<i64>,
    statut: StatutPro,
    mandat: mandats::MandatValide,
}

/// Ce que l'import retient d'une ligne à l'autre : ce qui est connu, créé, vu deux fois.
#[derive(Default)]
struct Memoire {
    cache_academies: HashMap<String, Option<i64>>,
    // Personnes et organisations déjà connues, lues une fois : chercher ligne à ligne dans toute
    // la table rendait l'import quadratique (46 s pour 20 000 lignes).
    personnes: HashMap<String, (i64, bool)>,
    organisations: HashMap<(String, TypeOrganisation), Option<i64>>,
    vus: HashSet<String>,
    creations: Vec<String>,
    doublons: Vec<String>,
}

impl Memoire {
    fn controler<'v>(
        &mut self,
        tx: &Connection,
        v: &dyn Fn(&str) -> &'v str,
    ) -> Resultat<LigneCet> {
        let mut c = Controle::default();
        let nom = c.champ("nom", texte::obligatoire("Le nom", v("nom")));
        let prenom = c.champ("prenom", texte::obligatoire("Le prénom", v("prenom")));
        let civilite = civilite(v("civilite"), &mut c);
        let (academie_id, bassin_id) = academie_et_bassin(
            tx,
            &mut self.cache_academies,
            v("academie"),
            v("bassin"),
            &mut c,
        )?;
        let cpc_id = cpc(tx, v("cpc"), &mut c)?;
        let statut = statut(v("statut"), &mut c);
        if !v("email").is_empty() {
            c.champ("email", crate::annuaire::validation::email(v("email")));
        }
        let mandat = mandats::valider_dates(
            v("date_arrete"),
            v("debut_mandat"),
            v("fin_mandat"),
            mandats::CHAMPS_MANDAT,
            &mut c,
        );
        let (nom, prenom, statut, mandat) = c.fin_avec(
            nom.zip(prenom)
                .zip(statut.zip(mandat))
                .map(|((n, p), (s, m))| (n, p, s, m)),
        )?;
        Ok(LigneCet {
            civilite,
            nom: nom.to_uppercase(),
            prenom,
            email: v("email").to_lowercase(),
            academie_id,
            bassin_id,
            cpc_id,
            statut,
            mandat,
        })
    }

    /// L'organisation de ce nom (créée au besoin), cherchée une fois par import.
    fn organisation(
        &mut self,
        tx: &Connection,
        nom: &str,
        type_: TypeOrganisation,
    ) -> Resultat<Option<i64>> {
        let cle = (texte::normaliser(nom), type_);
        if let Some(id) = self.organisations.get(&cle) {
            return Ok(*id);
        }
        let id = organisations::trouver_ou_creer(tx, nom, type_.code(), &mut self.creations)?;
        self.organisations.insert(cle, id);
        Ok(id)
    }

    /// Le numéro de la personne si la ligne est nouvelle ; `None` (doublon noté) sinon.
    fn personne_nouvelle(&mut self, l: &LigneCet, numero: usize) -> Option<Option<i64>> {
        let LigneCet {
            nom, prenom, email, ..
        } = l;
        // La même personne : mêmes nom, prénom et courriel.
        if !self
            .vus
            .insert(texte::normaliser(&format!("{nom} {prenom} {email}")))
        {
            self.doublons.push(format!(
                "ligne {numero} : {nom} {prenom} figure déjà plus haut dans le fichier"
            ));
            return None;
        }
        match self.personnes.get(&cle_personne(nom, prenom, email)) {
            Some((_, true)) => {
                self.doublons.push(format!(
                    "ligne {numero} : {nom} {prenom} est déjà au registre"
                ));
                None
            }
            Some((id, false)) => Some(Some(*id)),
            None => Some(None),
        }
    }

    /// Écrit le CET d'une ligne contrôlée (et sa fiche de l'annuaire si elle manque).
    fn enregistrer<'v>(
        &mut self,
        tx: &Connection,
        l: LigneCet,
        numero: usize,
        v: &dyn Fn(&str) -> &'v str,
    ) -> Resultat<()> {
        let Some(existante) = self.personne_nouvelle(&l, numero) else {
            return Ok(());
        };
        let employeur_id = self.organisation(tx, v("employeur"), TypeOrganisation::Entreprise)?;
        let proposante_id = self.organisation(
            tx,
            v("organisation_proposante"),
            TypeOrganisation::OrganisationProfessionnelle,
        )?;
        let personne_id = match existante {
            Some(id) => id,
            None => {
                let s = personnes::SaisiePersonne {
                    civilite: l.civilite.into(),
                    nom: l.nom.clone(),
                    prenom: l.prenom.clone(),
                    email: l.email.clone(),
                    telephone: v("telephone").into(),
                    organisation_id: employeur_id,
                    fonction: "Conseiller entreprise pour l'École".into(),
                    ..Default::default()
                };
                personnes::creer(tx, &s)?.id
            }
        };
        let designation = match proposante_id {
            Some(_) => Designation::OrganisationProfessionnelle,
            None => Designation::Autre,
        };
        let saisie = SaisieCet {
            personne_id: Some(personne_id),
            statut_pro: l.statut.code().into(),
            employeur_id,
            secteur: v("secteur").into(),
            cpc_id: l.cpc_id,
            specialites: v("specialites").into(),
            designation: designation.code().into(),
            organisation_proposante_id: proposante_id,
            academie_id: l.academie_id,
            bassin_id: l.bassin_id,
            ..Default::default()
        };
        let mut c = Controle::default();
        let valide = registre::valider(tx, &saisie, &mut c)?;
        c.fin()?;
        let id = registre::ecrire(tx, None, &saisie, &valide)?;
        mandats::inserer(tx, id, &l.mandat)?;
        self.personnes.insert(
            cle_personne(&l.nom, &l.prenom, &l.email),
            (personne_id, true),
        );
        Ok(())
    }
}

/// Importe le fichier (`choix` : correspondance choisie, champ → colonne ; `suivi` : annulable).
pub fn importer(
    conn: &Connection,
    octets: &[u8],
    choix: Option<&BTreeMap<String, usize>>,
    essai: bool,
    suivi: &crate::travail::Suivi,
) -> Resultat<CompteRendu> {
    let table = tableur::lire(octets).map_err(|e| Erreur::Import(vec![e]))?;
    let m = choix
        .cloned()
        .unwrap_or_else(|| correspondance_auto(&table.entetes));
    verifier_correspondance(&m, &table.entetes)?;
    let mut memoire = Memoire {
        personnes: personnes_existantes(conn)?,
        ..Default::default()
    };
    let mut importees = 0;
    let lignes = recherche::pour_un_import(
        conn,
        table.lignes.len(),
        &["personne", "organisation"],
        || {
            csv::importer_lignes(conn, &table, essai, suivi, |tx, l| {
                let v = |champ: &str| m.get(champ).map(|i| l.valeurs[*i].trim()).unwrap_or("");
                let ligne = memoire.controler(tx, &v)?;
                let avant = memoire.doublons.len();
                memoire.enregistrer(tx, ligne, l.numero, &v)?;
                if memoire.doublons.len() == avant {
                    importees += 1;
                }
                Ok(())
            })
        },
    )?;
    if essai {
        memoire.creations.clear();
    }
    Ok(CompteRendu {
        lignes,
        importees,
        essai,
        format: table.format(),
        doublons: memoire.doublons,
        creations: memoire.creations,
    })
}
