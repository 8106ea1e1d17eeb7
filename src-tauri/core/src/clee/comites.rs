//! Les comités locaux École-entreprise : un par bassin (ou groupe de bassins), un établissement
//! support, deux co-pilotes (un chef d'établissement, un chef d'entreprise), des membres
//! répartis en collèges.

use crate::base::Ligne;
use crate::liste::{self, Filtre, Liste, ParametresListe, Requete};
use crate::reunions::College;
use crate::vocabulaire::Code;
use crate::{dates, texte, Controle, Erreur, Resultat};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

crate::codes! {
    /// Statut d'un comité local École-entreprise.
    pub enum StatutComite {
        EnCreation = "en_creation" => "En création",
        Actif = "actif" => "Actif",
        EnSommeil = "en_sommeil" => "En sommeil",
        Dissous = "dissous" => "Dissous",
    }
}

/// Comités vivants : ils tiennent leur bassin et leurs actions en retard comptent à l'échéancier.
pub const STATUTS_VIVANTS: &str = "('en_creation', 'actif')";

/// Comités vivants (id, nom), pour l'échéancier.
pub fn vivants(conn: &Connection) -> Resultat<Vec<(i64, String)>> {
    crate::base::toutes(
        conn,
        &format!("SELECT id, nom FROM comite_clee WHERE statut IN {STATUTS_VIVANTS} ORDER BY id"),
        [],
    )
}

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Comite {
    pub id: i64,
    pub nom: String,
    pub academie_id: i64,
    pub academie: String,
    #[ligne(avec = liste::ids)]
    pub bassin_ids: Vec<i64>,
    #[ligne(avec = Option::unwrap_or_default)]
    pub bassins: String,
    pub etablissement_support_id: Option<i64>,
    pub etablissement_support: Option<String>,
    pub copilote_education_id: Option<i64>,
    pub copilote_education: Option<String>,
    pub copilote_entreprise_id: Option<i64>,
    pub copilote_entreprise: Option<String>,
    pub date_charte: Option<NaiveDate>,
    pub statut: StatutComite,
    pub partenaires: String,
    pub membres: i64,
    pub derniere_reunion: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SaisieComite {
    pub nom: String,
    pub academie_id: Option<i64>,
    pub bassin_ids: Vec<i64>,
    pub etablissement_support_id: Option<i64>,
    pub copilote_education_id: Option<i64>,
    pub copilote_entreprise_id: Option<i64>,
    pub date_charte: String,
    pub statut: String,
    pub partenaires: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FiltreComites {
    #[serde(flatten)]
    pub liste: ParametresListe,
    pub academie_id: Option<i64>,
    pub bassin_id: Option<i64>,
    pub statut: Option<String>,
}

const REQUETE: Requete = Requete {
    colonnes: "
        c.id AS id,
        c.nom AS nom,
        c.academie_id AS academie_id,
        a.nom AS academie,
        (SELECT group_concat(bassin_id) FROM comite_bassin WHERE comite_id = c.id) AS bassin_ids,
        (SELECT group_concat(b.nom, ', ') FROM comite_bassin cb JOIN bassin b ON b.id = cb.bassin_id WHERE cb.comite_id = c.id) AS bassins,
        c.etablissement_support_id AS etablissement_support_id,
        e.nom AS etablissement_support,
        c.copilote_education_id AS copilote_education_id,
        pe.prenom || ' ' || pe.nom AS copilote_education,
        c.copilote_entreprise_id AS copilote_entreprise_id,
        pn.prenom || ' ' || pn.nom AS copilote_entreprise,
        c.date_charte AS date_charte,
        c.statut AS statut,
        c.partenaires AS partenaires,
        (SELECT count(*) FROM clee_membre WHERE comite_id = c.id) AS membres,
        (SELECT max(date) FROM reunion WHERE comite_id = c.id AND date <= date('now', 'localtime')) AS derniere_reunion
    ",
    tables: "comite_clee c LEFT JOIN academie a ON a.id = c.academie_id LEFT JOIN etablissement e ON e.id = c.etablissement_support_id
        LEFT JOIN personne pe ON pe.id = c.copilote_education_id LEFT JOIN personne pn ON pn.id = c.copilote_entreprise_id",
    id: "c.id",
};

const TRIS: &[(&str, &str)] = &[
    ("nom", "normaliser(c.nom)"),
    ("academie", "normaliser(a.nom)"),
    ("statut", "c.statut"),
];

pub fn lister(conn: &Connection, f: &FiltreComites) -> Resultat<Liste<Comite>> {
    let mut filtre = Filtre::default();
    filtre
        .recherche(&["c.recherche"], &f.liste.recherche)
        .egal("c.academie_id", f.academie_id)
        .egal("c.statut", f.statut.clone().filter(|s| !s.is_empty()));
    if let Some(b) = f.bassin_id {
        filtre.condition_liee("EXISTS (SELECT 1 FROM comite_bassin cb WHERE cb.comite_id = c.id AND cb.bassin_id = {})", [b]);
    }
    filtre.lister(conn, &REQUETE, TRIS, &f.liste, Comite::depuis_ligne)
}

pub fn lire(conn: &Connection, id: i64) -> Resultat<Comite> {
    liste::lire_un(
        conn,
        &REQUETE,
        "c.id",
        id,
        "Le comité",
        Comite::depuis_ligne,
    )
}

struct ComiteValide {
    nom: String,
    academie_id: i64,
    bassin_ids: Vec<i64>,
    date_charte: Option<String>,
    statut: String,
}

/// Un comité par bassin : un bassin déjà couvert par un autre comité vivant (en création ou
/// actif) est refusé ; un comité en sommeil ou dissous libère ses bassins.
fn verifier_bassins_libres(
    conn: &Connection,
    s: &SaisieComite,
    id: Option<i64>,
    statut: &str,
    c: &mut Controle,
) -> Resultat<()> {
    if !STATUTS_VIVANTS.contains(&format!("'{statut}'")) {
        return Ok(());
    }
    for b in &s.bassin_ids {
        let autre: Option<(String, String)> = crate::base::une(
            conn,
            &format!("SELECT b.nom, k.nom FROM comite_bassin cb JOIN comite_clee k ON k.id = cb.comite_id JOIN bassin b ON b.id = cb.bassin_id
                 WHERE cb.bassin_id = ?1 AND k.id IS NOT ?2 AND k.statut IN {STATUTS_VIVANTS} LIMIT 1"),
            rusqlite::params![b, id],
        )?;
        if let Some((bassin, comite)) = autre {
            c.ajouter(
                "bassin_ids",
                format!("Le bassin « {bassin} » a déjà son comité : « {comite} »."),
            );
        }
    }
    Ok(())
}

fn valider(conn: &Connection, s: &SaisieComite, id: Option<i64>) -> Resultat<ComiteValide> {
    let mut c = Controle::default();
    let nom = c.champ("nom", texte::obligatoire("Le nom du comité", &s.nom));
    let statut = if s.statut.is_empty() {
        Some("actif".to_string())
    } else {
        c.champ(
            "statut",
            StatutComite::choisi(&s.statut, "le statut du comité").map(|s| s.code().to_string()),
        )
    };
    let date_charte = c
        .champ(
            "date_charte",
            dates::lire_facultative(&s.date_charte).map_err(|e| format!("Date de la charte : {e}")),
        )
        .flatten();
    match s.academie_id {
        Some(a) if liste::existe(conn, "academie", a)? => {
            for b in &s.bassin_ids {
                let academie: Option<i64> = conn
                    .query_row("SELECT academie_id FROM bassin WHERE id = ?1", [b], |r| {
                        r.get(0)
                    })
                    .optional()?;
                match academie {
                    None => c.ajouter("bassin_ids", format!("Le bassin n° {b} n'existe plus.")),
                    Some(x) if x != a => c.ajouter(
                        "bassin_ids",
                        "Un des bassins choisis n'est pas dans l'académie du comité.",
                    ),
                    _ => {}
                }
            }
        }
        _ => c.ajouter("academie_id", "Choisissez l'académie du comité."),
    }
    if s.bassin_ids.is_empty() {
        c.ajouter(
            "bassin_ids",
            "Choisissez au moins un bassin d'éducation et de formation.",
        );
    }
    liste::verifier_ids(
        conn,
        &mut c,
        &[
            (
                "etablissement",
                &s.etablissement_support_id.into_iter().collect::<Vec<_>>(),
                "etablissement_support_id",
                "un établissement",
            ),
            (
                "personne",
                &s.copilote_education_id.into_iter().collect::<Vec<_>>(),
                "copilote_education_id",
                "une personne",
            ),
            (
                "personne",
                &s.copilote_entreprise_id.into_iter().collect::<Vec<_>>(),
                "copilote_entreprise_id",
                "une personne",
            ),
        ],
    )?;
    verifier_bassins_libres(conn, s, id, statut.as_deref().unwrap_or(""), &mut c)?;
    if s.copilote_education_id.is_some() && s.copilote_education_id == s.copilote_entreprise_id {
        c.ajouter("copilote_entreprise_id", "Les deux co-pilotes sont deux personnes différentes : l'une de l'École, l'autre de l'entreprise.");
    }
    c.fin()?;
    Ok(ComiteValide {
        nom: nom.unwrap_or_default(),
        academie_id: s.academie_id.unwrap_or_default(),
        bassin_ids: s.bassin_ids.clone(),
        date_charte: date_charte.map(dates::iso),
        statut: statut.unwrap_or_default(),
    })
}

/// Écrit le comité (création si `id` est `None`), ses bassins, et inscrit les co-pilotes parmi
/// les membres de leur collège s'ils n'y sont pas déjà.
fn ecrire(conn: &Connection, id: Option<i64>, s: &SaisieComite, v: &ComiteValide) -> Resultat<i64> {
    let noms_bassins: Vec<String> = v
        .bassin_ids
        .iter()
        .map(|b| conn.query_row("SELECT nom FROM bassin WHERE id = ?1", [b], |r| r.get(0)))
        .collect::<Result<_, _>>()?;
    let cle = texte::cle_recherche(&[&v.nom, &noms_bassins.join(" "), &s.partenaires]);
    let p = rusqlite::params![
        v.nom,
        v.academie_id,
        s.etablissement_support_id,
        s.copilote_education_id,
        s.copilote_entreprise_id,
        v.date_charte,
        v.statut,
        s.partenaires.trim(),
        cle
    ];
    let id = match id {
        None => {
            conn.execute(
                "INSERT INTO comite_clee (nom, academie_id, etablissement_support_id, copilote_education_id, copilote_entreprise_id,
                     date_charte, statut, partenaires, recherche) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                p,
            )?;
            conn.last_insert_rowid()
        }
        Some(id) => {
            conn.execute(
                "UPDATE comite_clee SET nom = ?1, academie_id = ?2, etablissement_support_id = ?3, copilote_education_id = ?4,
                     copilote_entreprise_id = ?5, date_charte = ?6, statut = ?7, partenaires = ?8, recherche = ?9 WHERE id = ?10",
                rusqlite::params_from_iter(p.iter().copied().chain([&id as &dyn rusqlite::ToSql])),
            )?;
            id
        }
    };
    liste::Liaison {
        table: "comite_bassin",
        parent: "comite_id",
        autre: "bassin_id",
    }
    .remplacer(conn, id, &v.bassin_ids)?;
    for (personne, college) in [
        (s.copilote_education_id, "education"),
        (s.copilote_entreprise_id, "monde_economique"),
    ] {
        if let Some(p) = personne {
            conn.execute(
                "INSERT INTO clee_membre (comite_id, personne_id, college, role) VALUES (?1, ?2, ?3, 'Co-pilote')
                 ON CONFLICT (comite_id, personne_id) DO UPDATE SET role = 'Co-pilote'",
                rusqlite::params![id, p, college],
            )?;
        }
    }
    Ok(id)
}

pub fn creer(conn: &Connection, s: &SaisieComite) -> Resultat<Comite> {
    let v = valider(conn, s, None)?;
    let id = crate::base::atomique(conn, |c| ecrire(c, None, s, &v))?;
    lire(conn, id)
}

pub fn modifier(conn: &Connection, id: i64, s: &SaisieComite) -> Resultat<Comite> {
    lire(conn, id)?;
    let v = valider(conn, s, Some(id))?;
    crate::base::atomique(conn, |c| ecrire(c, Some(id), s, &v))?;
    lire(conn, id)
}

/// Supprime le comité avec ses membres, réunions et actions (ils n'existent que par lui).
pub fn supprimer(conn: &Connection, id: i64) -> Resultat<()> {
    let c = lire(conn, id)?;
    liste::supprimer(conn, "comite_clee", id, &c.nom)
}

// ——— Membres ———

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Membre {
    pub id: i64,
    pub personne_id: i64,
    pub nom: String,
    pub fonction: String,
    pub email: String,
    pub college: College,
    pub role: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SaisieMembre {
    pub personne_id: Option<i64>,
    pub college: String,
    pub role: String,
}

/// Membres rangés par collège (dans l'ordre des collèges), puis par nom.
pub fn membres(conn: &Connection, comite_id: i64) -> Resultat<Vec<Membre>> {
    use crate::annuaire::personnes::{JOINTURES_STRUCTURE, SQL_FONCTION_STRUCTURE};
    let mut v: Vec<Membre> = crate::base::toutes(
        conn,
        &format!(
        "SELECT m.id, m.personne_id, p.nom || ' ' || p.prenom AS nom, {SQL_FONCTION_STRUCTURE} AS fonction, p.email, m.college, m.role
         FROM clee_membre m JOIN personne p ON p.id = m.personne_id {JOINTURES_STRUCTURE}
         WHERE m.comite_id = ?1 ORDER BY normaliser(p.nom), p.prenom"
    ),
        [comite_id],
    )?;
    v.sort_by_key(|m| m.college);
    Ok(v)
}

pub fn ajouter_membre(
    conn: &Connection,
    comite_id: i64,
    s: &SaisieMembre,
) -> Resultat<Vec<Membre>> {
    lire(conn, comite_id)?;
    let mut c = Controle::default();
    let college = c.champ("college", College::choisi(&s.college, "le collège"));
    match s.personne_id {
        Some(p) if liste::existe(conn, "personne", p)? => {
            let deja: Option<i64> = crate::base::une(
                conn,
                "SELECT id FROM clee_membre WHERE comite_id = ?1 AND personne_id = ?2",
                [comite_id, p],
            )?;
            if deja.is_some() {
                c.ajouter("personne_id", "Cette personne est déjà membre du comité.");
            }
        }
        _ => c.ajouter("personne_id", "Choisissez la personne dans l'annuaire."),
    }
    c.fin()?;
    conn.execute(
        "INSERT INTO clee_membre (comite_id, personne_id, college, role) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![comite_id, s.personne_id, college, s.role.trim()],
    )?;
    membres(conn, comite_id)
}

pub fn retirer_membre(conn: &Connection, membre_id: i64) -> Resultat<()> {
    let co: Option<(i64, bool)> = crate::base::une(
        conn,
        "SELECT m.comite_id, m.personne_id IN (coalesce(c.copilote_education_id, 0), coalesce(c.copilote_entreprise_id, 0))
             FROM clee_membre m JOIN comite_clee c ON c.id = m.comite_id WHERE m.id = ?1",
        [membre_id],
    )?;
    match co {
        None => Err(Erreur::Introuvable(format!(
            "Le membre n° {membre_id} n'existe pas (ou plus)."
        ))),
        Some((_, true)) => Err(Erreur::validation(
            "membre",
            "Un co-pilote reste membre : changez d'abord de co-pilote sur la fiche du comité.",
        )),
        Some(_) => {
            conn.execute("DELETE FROM clee_membre WHERE id = ?1", [membre_id])?;
            Ok(())
        }
    }
}
