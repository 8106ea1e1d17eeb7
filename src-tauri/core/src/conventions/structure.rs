//! Parties signataires et articles (axes) d'une convention.

use crate::base::Ligne;
use crate::{liste, texte, Controle, Erreur, Resultat};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Partie {
    pub id: i64,
    pub organisation_id: Option<i64>,
    pub etablissement_id: Option<i64>,
    /// Nom affiché : celui de l'organisation ou de l'établissement, sinon le libellé saisi.
    pub nom: String,
    pub role: String,
    pub signataire_id: Option<i64>,
    pub signataire: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SaisiePartie {
    pub organisation_id: Option<i64>,
    pub etablissement_id: Option<i64>,
    pub libelle: String,
    pub role: String,
    pub signataire_id: Option<i64>,
}

pub fn parties(conn: &Connection, convention_id: i64) -> Resultat<Vec<Partie>> {
    crate::base::toutes(
        conn,
        "SELECT p.id, p.organisation_id, p.etablissement_id, coalesce(o.nom, e.nom, p.libelle) AS nom, p.role, p.signataire_id, s.prenom || ' ' || s.nom AS signataire
         FROM convention_partie p LEFT JOIN organisation o ON o.id = p.organisation_id
         LEFT JOIN etablissement e ON e.id = p.etablissement_id LEFT JOIN personne s ON s.id = p.signataire_id
         WHERE p.convention_id = ?1 ORDER BY p.id", [convention_id])
}

pub fn ajouter_partie(
    conn: &Connection,
    convention_id: i64,
    s: &SaisiePartie,
) -> Resultat<Vec<Partie>> {
    if !liste::existe(conn, "convention", convention_id)? {
        return Err(Erreur::Introuvable(format!(
            "La convention n° {convention_id} n'existe pas (ou plus)."
        )));
    }
    let mut c = Controle::default();
    let choix = [
        s.organisation_id.is_some(),
        s.etablissement_id.is_some(),
        !s.libelle.trim().is_empty(),
    ];
    if choix.iter().filter(|x| **x).count() != 1 {
        c.ajouter("organisation_id", "Choisissez une organisation, ou un établissement, ou écrivez le nom de la partie (ministère, académie…).");
    }
    for (champ, table, id) in [
        ("organisation_id", "organisation", s.organisation_id),
        ("etablissement_id", "etablissement", s.etablissement_id),
        ("signataire_id", "personne", s.signataire_id),
    ] {
        if let Some(id) = id {
            if !liste::existe(conn, table, id)? {
                c.ajouter(champ, "Ce choix n'existe plus dans l'annuaire.");
            }
        }
    }
    c.fin()?;
    conn.execute(
        "INSERT INTO convention_partie (convention_id, organisation_id, etablissement_id, libelle, role, signataire_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![convention_id, s.organisation_id, s.etablissement_id, s.libelle.trim(), s.role.trim(), s.signataire_id],
    )?;
    parties(conn, convention_id)
}

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Article {
    pub id: i64,
    pub titre: String,
    pub numero: i64,
    pub intitule: String,
    pub engagements: String,
    pub indicateurs: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SaisieArticle {
    pub titre: String,
    /// Vide : le numéro suivant.
    pub numero: String,
    pub intitule: String,
    pub engagements: String,
    pub indicateurs: String,
}

pub fn articles(conn: &Connection, convention_id: i64) -> Resultat<Vec<Article>> {
    crate::base::toutes(
        conn,
        "SELECT id, titre, numero, intitule, engagements, indicateurs FROM convention_article WHERE convention_id = ?1 ORDER BY numero, id", [convention_id])
}

pub fn ajouter_article(
    conn: &Connection,
    convention_id: i64,
    s: &SaisieArticle,
) -> Resultat<Vec<Article>> {
    if !liste::existe(conn, "convention", convention_id)? {
        return Err(Erreur::Introuvable(format!(
            "La convention n° {convention_id} n'existe pas (ou plus)."
        )));
    }
    let mut c = Controle::default();
    let intitule = c.champ(
        "intitule",
        texte::obligatoire("L'intitulé de l'article", &s.intitule),
    );
    let numero = match s.numero.trim() {
        "" => Some(conn.query_row(
            "SELECT coalesce(max(numero), 0) + 1 FROM convention_article WHERE convention_id = ?1",
            [convention_id],
            |r| r.get::<_, i64>(0),
        )?),
        n => c.champ(
            "numero",
            n.parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("Le numéro d'article « {n} » doit être un entier positif.")),
        ),
    };
    c.fin()?;
    conn.execute(
        "INSERT INTO convention_article (convention_id, titre, numero, intitule, engagements, indicateurs) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![convention_id, s.titre.trim(), numero, intitule, s.engagements.trim(), s.indicateurs.trim()],
    )?;
    articles(conn, convention_id)
}
