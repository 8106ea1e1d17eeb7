//! Les commissions professionnelles consultatives (CPC) : liste de référence du registre des
//! CET, livrée remplie et modifiable par l'utilisateur (les CPC évoluent avec les réformes).

use crate::base::Ligne;
use crate::liste::{self, Filtre, Liste, ParametresListe, Requete};
use crate::{texte, Erreur, Resultat};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Cpc {
    pub id: i64,
    pub nom: String,
    pub cet: i64,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SaisieCpc {
    pub nom: String,
}

const REQUETE: Requete = Requete {
    colonnes: "
        c.id AS id,
        c.nom AS nom,
        (SELECT count(*) FROM cet WHERE cpc_id = c.id) AS cet
    ",
    tables: "cpc c",
    id: "c.id",
};
const TRIS: &[(&str, &str)] = &[("nom", "normaliser(c.nom)")];

pub fn lister(conn: &Connection, p: &ParametresListe) -> Resultat<Liste<Cpc>> {
    Filtre::default()
        .recherche(&["c.recherche"], &p.recherche)
        .lister(conn, &REQUETE, TRIS, p, Cpc::depuis_ligne)
}

fn valider(conn: &Connection, s: &SaisieCpc, id: Option<i64>) -> Resultat<String> {
    let nom =
        texte::obligatoire("Le nom de la CPC", &s.nom).map_err(|m| Erreur::validation("nom", m))?;
    let autre: Option<i64> = crate::base::une(
        conn,
        "SELECT id FROM cpc WHERE normaliser(nom) = normaliser(?1) AND id IS NOT ?2",
        rusqlite::params![nom, id],
    )?;
    if autre.is_some() {
        return Err(Erreur::validation(
            "nom",
            format!("La CPC « {nom} » existe déjà."),
        ));
    }
    Ok(nom)
}

pub fn creer(conn: &Connection, s: &SaisieCpc) -> Resultat<Cpc> {
    let nom = valider(conn, s, None)?;
    conn.execute(
        "INSERT INTO cpc (nom, recherche) VALUES (?1, ?2)",
        rusqlite::params![nom, texte::cle_recherche(&[&nom])],
    )?;
    liste::lire_un(
        conn,
        &REQUETE,
        "c.id",
        conn.last_insert_rowid(),
        "La CPC",
        Cpc::depuis_ligne,
    )
}

pub fn modifier(conn: &Connection, id: i64, s: &SaisieCpc) -> Resultat<Cpc> {
    liste::exiger(conn, "cpc", id, "La CPC")?;
    let nom = valider(conn, s, Some(id))?;
    conn.execute(
        "UPDATE cpc SET nom = ?1, recherche = ?2 WHERE id = ?3",
        rusqlite::params![nom, texte::cle_recherche(&[&nom]), id],
    )?;
    liste::lire_un(conn, &REQUETE, "c.id", id, "La CPC", Cpc::depuis_ligne)
}

pub fn supprimer(conn: &Connection, id: i64) -> Resultat<()> {
    let c = liste::lire_un(conn, &REQUETE, "c.id", id, "La CPC", Cpc::depuis_ligne)?;
    liste::supprimer(conn, "cpc", id, &c.nom)
}
