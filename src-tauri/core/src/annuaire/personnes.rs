//! Personnes : contacts professionnels, rattachés à une organisation ou à un établissement.

use super::validation;
use crate::base::Ligne;
use crate::liste::{self, Filtre, Liste, ParametresListe, Requete};
use crate::vocabulaire::Code;
use crate::{texte, Controle, Resultat};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

crate::codes! {
    /// Civilité d'une personne (la base admet aussi « non renseignée », stockée vide).
    pub enum Civilite {
        Madame = "Mme" => "Madame",
        Monsieur = "M." => "Monsieur",
    }
}

crate::codes! {
    /// À quoi une personne est rattachée (filtre de l'annuaire).
    pub enum Rattachement {
        Organisation = "organisation" => "Organisation",
        Etablissement = "etablissement" => "Établissement",
        Aucun = "aucun" => "Aucun",
    }
}

/// « Proviseure – Lycée Jean-Moulin » : fonction et structure d'une personne `p`, pour les listes
/// de membres et de présences ; s'emploie avec `JOINTURES_STRUCTURE`.
pub const SQL_FONCTION_STRUCTURE: &str =
    "trim(p.fonction || CASE WHEN coalesce(o.nom, e.nom) IS NULL THEN '' ELSE ' – ' || coalesce(o.nom, e.nom) END)";
pub const JOINTURES_STRUCTURE: &str =
    "LEFT JOIN organisation o ON o.id = p.organisation_id LEFT JOIN etablissement e ON e.id = p.etablissement_id";

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Personne {
    pub id: i64,
    pub civilite: String,
    pub nom: String,
    pub prenom: String,
    pub fonction: String,
    pub organisation_id: Option<i64>,
    pub etablissement_id: Option<i64>,
    /// Nom de l'organisation ou de l'établissement de rattachement.
    pub rattachement: Option<String>,
    pub email: String,
    pub telephone: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SaisiePersonne {
    pub civilite: String,
    pub nom: String,
    pub prenom: String,
    pub fonction: String,
    pub organisation_id: Option<i64>,
    pub etablissement_id: Option<i64>,
    pub email: String,
    pub telephone: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FiltrePersonnes {
    #[serde(flatten)]
    pub liste: ParametresListe,
    pub organisation_id: Option<i64>,
    pub etablissement_id: Option<i64>,
    /// « organisation », « etablissement » ou « aucun ».
    pub rattachement: Option<String>,
}

const REQUETE: Requete = Requete {
    colonnes: "
        p.id AS id,
        p.civilite AS civilite,
        p.nom AS nom,
        p.prenom AS prenom,
        p.fonction AS fonction,
        p.organisation_id AS organisation_id,
        p.etablissement_id AS etablissement_id,
        coalesce(o.nom, e.nom) AS rattachement,
        p.email AS email,
        p.telephone AS telephone
    ",
    tables: "personne p LEFT JOIN organisation o ON o.id = p.organisation_id LEFT JOIN etablissement e ON e.id = p.etablissement_id",
    id: "p.id",
};

const TRIS: &[(&str, &str)] = &[
    // La clé commence par « nom prénom » normalisés : même ordre, et l'index personne_recherche.
    ("nom", "p.recherche"),
    ("fonction", "normaliser(p.fonction)"),
    ("rattachement", "normaliser(coalesce(o.nom, e.nom, ''))"),
    ("email", "p.email"),
];

pub fn lister(conn: &Connection, f: &FiltrePersonnes) -> Resultat<Liste<Personne>> {
    let mut filtre = Filtre::default();
    filtre
        .recherche_indexee(
            conn,
            ("p.id", "personne", "p.recherche"),
            &[
                ("organisation_id", "organisation", "o.recherche"),
                ("etablissement_id", "etablissement", "e.recherche"),
            ],
            &f.liste.recherche,
        )
        .egal("p.organisation_id", f.organisation_id)
        .egal("p.etablissement_id", f.etablissement_id);
    match f
        .rattachement
        .as_deref()
        .and_then(Rattachement::depuis_code)
    {
        Some(Rattachement::Organisation) => filtre.condition("p.organisation_id IS NOT NULL"),
        Some(Rattachement::Etablissement) => filtre.condition("p.etablissement_id IS NOT NULL"),
        Some(Rattachement::Aucun) => {
            filtre.condition("p.organisation_id IS NULL AND p.etablissement_id IS NULL")
        }
        None => &mut filtre,
    };
    filtre.lister(conn, &REQUETE, TRIS, &f.liste, Personne::depuis_ligne)
}

pub fn lire(conn: &Connection, id: i64) -> Resultat<Personne> {
    liste::lire_un(
        conn,
        &REQUETE,
        "p.id",
        id,
        "La personne",
        Personne::depuis_ligne,
    )
}

fn cle(v: &SaisiePersonne) -> String {
    texte::cle_recherche(&[&v.nom, &v.prenom, &v.fonction, &v.email])
}

fn valider(conn: &Connection, s: &SaisiePersonne) -> Resultat<SaisiePersonne> {
    let mut c = Controle::default();
    // La civilité peut rester non renseignée (les imports ne la donnent pas toujours).
    let civilite = match s.civilite.trim() {
        "" => Some(String::new()),
        autre => c.champ(
            "civilite",
            Civilite::choisi(autre, "la civilité").map(|c| c.code().to_string()),
        ),
    };
    let nom = c.champ("nom", texte::obligatoire("Le nom", &s.nom));
    let prenom = c.champ("prenom", texte::obligatoire("Le prénom", &s.prenom));
    let email = c.champ("email", validation::email(&s.email));
    let telephone = c.champ("telephone", validation::telephone(&s.telephone));
    if s.organisation_id.is_some() && s.etablissement_id.is_some() {
        c.ajouter(
            "organisation_id",
            "Une personne est rattachée à une organisation ou à un établissement, pas aux deux.",
        );
    }
    if let Some(o) = s.organisation_id {
        if !liste::existe(conn, "organisation", o)? {
            c.ajouter(
                "organisation_id",
                format!("L'organisation n° {o} n'existe plus."),
            );
        }
    }
    if let Some(e) = s.etablissement_id {
        if !liste::existe(conn, "etablissement", e)? {
            c.ajouter(
                "etablissement_id",
                format!("L'établissement n° {e} n'existe plus."),
            );
        }
    }
    c.fin()?;
    Ok(SaisiePersonne {
        civilite: civilite.unwrap_or_default(),
        nom: nom.unwrap_or_default(),
        prenom: prenom.unwrap_or_default(),
        fonction: texte::nettoyer(&s.fonction),
        organisation_id: s.organisation_id,
        etablissement_id: s.etablissement_id,
        email: email.unwrap_or_default(),
        telephone: telephone.unwrap_or_default(),
    })
}

pub fn creer(conn: &Connection, s: &SaisiePersonne) -> Resultat<Personne> {
    let v = valider(conn, s)?;
    conn.execute(
        "INSERT INTO personne (civilite, nom, prenom, fonction, organisation_id, etablissement_id, email, telephone, recherche)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        rusqlite::params![v.civilite, v.nom, v.prenom, v.fonction, v.organisation_id, v.etablissement_id, v.email, v.telephone, cle(&v)],
    )?;
    lire(conn, conn.last_insert_rowid())
}

pub fn modifier(conn: &Connection, id: i64, s: &SaisiePersonne) -> Resultat<Personne> {
    lire(conn, id)?;
    let v = valider(conn, s)?;
    conn.execute(
        "UPDATE personne SET civilite = ?1, nom = ?2, prenom = ?3, fonction = ?4, organisation_id = ?5,
             etablissement_id = ?6, email = ?7, telephone = ?8, recherche = ?9 WHERE id = ?10",
        rusqlite::params![v.civilite, v.nom, v.prenom, v.fonction, v.organisation_id, v.etablissement_id, v.email, v.telephone, cle(&v), id],
    )?;
    lire(conn, id)
}

pub fn supprimer(conn: &Connection, id: i64) -> Resultat<()> {
    let p = lire(conn, id)?;
    liste::supprimer(conn, "personne", id, &format!("{} {}", p.prenom, p.nom))
}
