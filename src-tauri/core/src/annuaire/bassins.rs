//! Bassins d'éducation et de formation : définis par l'utilisateur, dans une académie.

use crate::base::Ligne;
use crate::liste::{self, Filtre, Liste, ParametresListe, Requete};
use crate::{texte, Controle, Resultat};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Bassin {
    pub id: i64,
    pub nom: String,
    pub academie_id: i64,
    pub academie: String,
    pub nb_etablissements: i64,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct SaisieBassin {
    pub nom: String,
    pub academie_id: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FiltreBassins {
    #[serde(flatten)]
    pub liste: ParametresListe,
    pub academie_id: Option<i64>,
}

const REQUETE: Requete = Requete {
    colonnes: "
        b.id AS id,
        b.nom AS nom,
        b.academie_id AS academie_id,
        a.nom AS academie,
        (SELECT count(*) FROM etablissement e WHERE e.bassin_id = b.id) AS nb_etablissements
    ",
    tables: "bassin b LEFT JOIN academie a ON a.id = b.academie_id",
    id: "b.id",
};

const TRIS: &[(&str, &str)] = &[
    ("nom", "normaliser(b.nom)"),
    ("academie", "normaliser(a.nom)"),
];

pub fn lister(conn: &Connection, f: &FiltreBassins) -> Resultat<Liste<Bassin>> {
    Filtre::default()
        .recherche(&["b.recherche", "normaliser(a.nom)"], &f.liste.recherche)
        .egal("b.academie_id", f.academie_id)
        .lister(conn, &REQUETE, TRIS, &f.liste, Bassin::depuis_ligne)
}

pub fn lire(conn: &Connection, id: i64) -> Resultat<Bassin> {
    liste::lire_un(
        conn,
        &REQUETE,
        "b.id",
        id,
        "Le bassin",
        Bassin::depuis_ligne,
    )
}

fn valider(conn: &Connection, s: &SaisieBassin, id: Option<i64>) -> Resultat<(String, i64)> {
    let mut c = Controle::default();
    let nom = c.champ("nom", texte::obligatoire("Le nom du bassin", &s.nom));
    let academie = match s.academie_id {
        Some(a) if liste::existe(conn, "academie", a)? => Some(a),
        _ => {
            c.ajouter("academie_id", "Choisissez l'académie du bassin.");
            None
        }
    };
    if let (Some(nom), Some(a)) = (&nom, academie) {
        let doublon: i64 = conn.query_row(
            "SELECT count(*) FROM bassin WHERE academie_id = ?1 AND normaliser(nom) = normaliser(?2) AND id IS NOT ?3",
            rusqlite::params![a, nom, id],
            |r| r.get(0),
        )?;
        if doublon > 0 {
            c.ajouter(
                "nom",
                format!("Cette académie a déjà un bassin nommé « {nom} »."),
            );
        }
    }
    c.fin()?;
    Ok((nom.unwrap_or_default(), academie.unwrap_or_default()))
}

pub fn creer(conn: &Connection, s: &SaisieBassin) -> Resultat<Bassin> {
    let (nom, academie) = valider(conn, s, None)?;
    conn.execute(
        "INSERT INTO bassin (nom, academie_id, recherche) VALUES (?1, ?2, ?3)",
        rusqlite::params![nom, academie, texte::cle_recherche(&[&nom])],
    )?;
    lire(conn, conn.last_insert_rowid())
}

pub fn modifier(conn: &Connection, id: i64, s: &SaisieBassin) -> Resultat<Bassin> {
    let avant = lire(conn, id)?;
    let (nom, academie) = valider(conn, s, Some(id))?;
    if academie != avant.academie_id && avant.nb_etablissements > 0 {
        return Err(crate::Erreur::validation(
            "academie_id",
            format!(
                "Le bassin « {} » compte {} établissement(s) de l'académie {} : rattachez-les d'abord à un autre bassin.",
                avant.nom, avant.nb_etablissements, super::academies::de(&avant.academie)
            ),
        ));
    }
    conn.execute(
        "UPDATE bassin SET nom = ?1, academie_id = ?2, recherche = ?3 WHERE id = ?4",
        rusqlite::params![nom, academie, texte::cle_recherche(&[&nom]), id],
    )?;
    lire(conn, id)
}

pub fn supprimer(conn: &Connection, id: i64) -> Resultat<()> {
    let b = lire(conn, id)?;
    liste::supprimer(conn, "bassin", id, &b.nom)
}

/// Retrouve un bassin d'une académie par son nom (import, démonstration).
pub fn trouver(conn: &Connection, academie_id: i64, nom: &str) -> Resultat<Bassin> {
    let f = FiltreBassins {
        academie_id: Some(academie_id),
        ..Default::default()
    };
    lister(conn, &f)?
        .lignes
        .into_iter()
        .find(|b| texte::normaliser(&b.nom) == texte::normaliser(nom))
        .ok_or_else(|| {
            crate::Erreur::Introuvable(format!("Aucun bassin « {nom} » dans cette académie."))
        })
}
