//! Organisations : entreprises, branches, chambres consulaires, collectivités, associations…

use super::validation;
use crate::base::Ligne;
use crate::liste::{self, Filtre, Liste, ParametresListe, Requete};
use crate::vocabulaire::Code;
use crate::{texte, Controle, Resultat};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

crate::codes! {
    /// Type d'organisation du monde économique.
    pub enum TypeOrganisation {
        Entreprise = "entreprise" => "Entreprise",
        OrganisationProfessionnelle = "organisation_professionnelle" => "Organisation professionnelle / branche",
        Cci = "cci" => "Chambre de commerce et d'industrie (CCI)",
        Cma = "cma" => "Chambre de métiers et de l'artisanat (CMA)",
        ChambreAgriculture = "chambre_agriculture" => "Chambre d'agriculture",
        Collectivite = "collectivite" => "Collectivité",
        Association = "association" => "Association",
        Etat = "etat" => "Service de l'État",
        Autre = "autre" => "Autre",
    }
}

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Organisation {
    pub id: i64,
    #[serde(rename = "type")]
    pub type_: TypeOrganisation,
    pub nom: String,
    pub siret: Option<String>,
    pub secteur: String,
    pub adresse: String,
    pub code_postal: String,
    pub commune: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SaisieOrganisation {
    #[serde(rename = "type")]
    pub type_: String,
    pub nom: String,
    pub siret: Option<String>,
    pub secteur: String,
    pub adresse: String,
    pub code_postal: String,
    pub commune: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FiltreOrganisations {
    #[serde(flatten)]
    pub liste: ParametresListe,
    #[serde(rename = "type")]
    pub type_: Option<String>,
    pub secteur: Option<String>,
}

const REQUETE: Requete = Requete {
    colonnes: "
        o.id AS id,
        o.type AS type_,
        o.nom AS nom,
        o.siret AS siret,
        o.secteur AS secteur,
        o.adresse AS adresse,
        o.code_postal AS code_postal,
        o.commune AS commune
    ",
    tables: "organisation o",
    id: "o.id",
};

const TRIS: &[(&str, &str)] = &[
    // La clé commence par le nom normalisé : même ordre, et l'index organisation_recherche.
    ("nom", "o.recherche"),
    ("type", "o.type"),
    ("secteur", "normaliser(o.secteur)"),
    ("commune", "normaliser(o.commune)"),
];

pub fn lister(conn: &Connection, f: &FiltreOrganisations) -> Resultat<Liste<Organisation>> {
    Filtre::default()
        .recherche_indexee(
            conn,
            ("o.id", "organisation", "o.recherche"),
            &[],
            &f.liste.recherche,
        )
        .egal("o.type", f.type_.clone().filter(|t| !t.is_empty()))
        .egal("o.secteur", f.secteur.clone().filter(|t| !t.is_empty()))
        .lister(conn, &REQUETE, TRIS, &f.liste, Organisation::depuis_ligne)
}

pub fn lire(conn: &Connection, id: i64) -> Resultat<Organisation> {
    liste::lire_un(
        conn,
        &REQUETE,
        "o.id",
        id,
        "L'organisation",
        Organisation::depuis_ligne,
    )
}

/// Secteurs déjà saisis, pour le filtre et l'aide à la saisie.
pub fn secteurs(conn: &Connection) -> Resultat<Vec<String>> {
    crate::base::toutes(
        conn,
        "SELECT DISTINCT secteur FROM organisation WHERE secteur <> '' ORDER BY normaliser(secteur)",
        [],
    )
}

/// Retrouve une organisation par son nom exact, accents et casse ignorés.
pub fn trouver_nom(conn: &Connection, nom: &str) -> Resultat<Organisation> {
    let id: Option<i64> = crate::base::une(
        conn,
        "SELECT id FROM organisation WHERE normaliser(nom) = normaliser(?1) ORDER BY id LIMIT 1",
        [nom.trim()],
    )?;
    match id {
        Some(id) => lire(conn, id),
        None => Err(crate::Erreur::Introuvable(format!(
            "Aucune organisation ne s'appelle « {} ».",
            nom.trim()
        ))),
    }
}

/// L'organisation de ce nom, créée avec le type `type_` si elle n'existe pas (imports) ; la
/// création est notée dans `creations`. Nom vide : aucune.
pub fn trouver_ou_creer(
    conn: &Connection,
    nom: &str,
    type_: &str,
    creations: &mut Vec<String>,
) -> Resultat<Option<i64>> {
    let nom = nom.trim();
    if nom.is_empty() {
        return Ok(None);
    }
    match trouver_nom(conn, nom) {
        Ok(o) => Ok(Some(o.id)),
        Err(crate::Erreur::Introuvable(_)) => {
            let libelle = TypeOrganisation::libelle_de(type_).to_lowercase();
            creations.push(format!("{libelle} « {nom} »"));
            let s = SaisieOrganisation {
                type_: type_.into(),
                nom: nom.into(),
                ..Default::default()
            };
            Ok(Some(creer(conn, &s)?.id))
        }
        Err(e) => Err(e),
    }
}

fn cle(v: &SaisieOrganisation) -> String {
    texte::cle_recherche(&[
        &v.nom,
        &v.secteur,
        &v.commune,
        v.siret.as_deref().unwrap_or(""),
    ])
}

fn valider(
    conn: &Connection,
    s: &SaisieOrganisation,
    id: Option<i64>,
) -> Resultat<SaisieOrganisation> {
    let mut c = Controle::default();
    let type_ = c.champ(
        "type",
        TypeOrganisation::choisi(&s.type_, "le type d'organisation").map(|t| t.code().to_string()),
    );
    let nom = c.champ(
        "nom",
        texte::obligatoire("Le nom de l'organisation", &s.nom),
    );
    let siret = c
        .champ("siret", validation::siret(s.siret.as_deref().unwrap_or("")))
        .flatten();
    if let Some(numero) = &siret {
        let autre: Option<String> = crate::base::une(
            conn,
            "SELECT nom FROM organisation WHERE siret = ?1 AND id IS NOT ?2",
            rusqlite::params![numero, id],
        )?;
        if let Some(nom) = autre {
            c.ajouter("siret", format!("Ce SIRET est déjà celui de « {nom} »."));
        }
    }
    let code_postal = texte::nettoyer(&s.code_postal);
    if !code_postal.is_empty()
        && (code_postal.len() != 5 || !code_postal.bytes().all(|b| b.is_ascii_digit()))
    {
        c.ajouter(
            "code_postal",
            format!("Le code postal « {code_postal} » doit compter 5 chiffres."),
        );
    }
    c.fin()?;
    Ok(SaisieOrganisation {
        type_: type_.unwrap_or_default(),
        nom: nom.unwrap_or_default(),
        siret,
        secteur: texte::nettoyer(&s.secteur),
        adresse: texte::nettoyer(&s.adresse),
        code_postal,
        commune: texte::nettoyer(&s.commune),
    })
}

pub fn creer(conn: &Connection, s: &SaisieOrganisation) -> Resultat<Organisation> {
    let v = valider(conn, s, None)?;
    conn.execute(
        "INSERT INTO organisation (type, nom, siret, secteur, adresse, code_postal, commune, recherche)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![v.type_, v.nom, v.siret, v.secteur, v.adresse, v.code_postal, v.commune, cle(&v)],
    )?;
    lire(conn, conn.last_insert_rowid())
}

pub fn modifier(conn: &Connection, id: i64, s: &SaisieOrganisation) -> Resultat<Organisation> {
    lire(conn, id)?;
    let v = valider(conn, s, Some(id))?;
    conn.execute(
        "UPDATE organisation SET type = ?1, nom = ?2, siret = ?3, secteur = ?4, adresse = ?5, code_postal = ?6, commune = ?7,
             recherche = ?8 WHERE id = ?9",
        rusqlite::params![v.type_, v.nom, v.siret, v.secteur, v.adresse, v.code_postal, v.commune, cle(&v), id],
    )?;
    lire(conn, id)
}

pub fn supprimer(conn: &Connection, id: i64) -> Resultat<()> {
    let o = lire(conn, id)?;
    liste::supprimer(conn, "organisation", id, &o.nom)
}
