//! Le registre des IPE : une personne de l'annuaire, son entreprise d'origine, son académie,
//! son service de rattachement et l'historique de ses missions.

use super::Service;
use crate::base::Ligne;
use crate::liste::{self, Filtre, Liste, ParametresListe, Requete};
use crate::vocabulaire::Code;
use crate::{dates, Controle, Erreur, Resultat};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Ipe {
    pub id: i64,
    pub personne_id: i64,
    /// « NOM Prénom », la forme que citent les imports d'actions.
    pub nom_complet: String,
    pub entreprise_id: Option<i64>,
    pub entreprise: Option<String>,
    pub academie_id: i64,
    pub academie: String,
    pub service: Service,
    /// Période de la mission la plus récente, « 01/09/2006 – en cours ».
    #[ligne(avec = periode_lisible)]
    pub derniere_mission: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SaisieIpe {
    pub personne_id: Option<i64>,
    pub entreprise_id: Option<i64>,
    pub academie_id: Option<i64>,
    pub service: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FiltreIpe {
    #[serde(flatten)]
    pub liste: ParametresListe,
    pub academie_id: Option<i64>,
    pub entreprise_id: Option<i64>,
    /// En mission à un moment de cette année civile.
    pub actif_en: Option<i32>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Ligne)]
pub struct Mission {
    pub id: i64,
    pub ipe_id: i64,
    pub debut: NaiveDate,
    pub fin: Option<NaiveDate>,
    pub quotite: i64,
    pub lettre_date: Option<NaiveDate>,
    pub lettre_missions: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SaisieMission {
    pub debut: String,
    pub fin: String,
    /// Vide : 100 %.
    pub quotite: String,
    pub lettre_date: String,
    pub lettre_missions: String,
}

const REQUETE: Requete = Requete {
    colonnes: "
        i.id AS id,
        i.personne_id AS personne_id,
        p.nom || ' ' || p.prenom AS nom_complet,
        i.entreprise_id AS entreprise_id,
        o.nom AS entreprise,
        i.academie_id AS academie_id,
        a.nom AS academie,
        i.service AS service,
        (SELECT m.debut || '|' || coalesce(m.fin, '') FROM mission_ipe m WHERE m.ipe_id = i.id ORDER BY m.debut DESC LIMIT 1) AS derniere_mission
    ",
    tables: "ipe i JOIN personne p ON p.id = i.personne_id LEFT JOIN academie a ON a.id = i.academie_id
        LEFT JOIN organisation o ON o.id = i.entreprise_id",
    id: "i.id",
};

const TRIS: &[(&str, &str)] = &[
    ("nom", "normaliser(p.nom || ' ' || p.prenom)"),
    ("academie", "normaliser(a.nom)"),
    ("entreprise", "normaliser(coalesce(o.nom, ''))"),
];

fn periode_lisible(brut: Option<String>) -> Option<String> {
    let brut = brut?;
    let (debut, fin) = brut.split_once('|')?;
    let d = dates::depuis_iso(debut).ok()?;
    let f = if fin.is_empty() {
        "en cours".to_string()
    } else {
        dates::francaise(dates::depuis_iso(fin).ok()?)
    };
    Some(format!("{} – {f}", dates::francaise(d)))
}

pub fn lister(conn: &Connection, f: &FiltreIpe) -> Resultat<Liste<Ipe>> {
    let mut filtre = Filtre::default();
    filtre
        .recherche(&["p.recherche", "o.recherche"], &f.liste.recherche)
        .egal("i.academie_id", f.academie_id)
        .egal("i.entreprise_id", f.entreprise_id);
    if let Some(annee) = f.actif_en {
        filtre.condition_liee(
            "EXISTS (SELECT 1 FROM mission_ipe m WHERE m.ipe_id = i.id AND m.debut <= {} AND (m.fin IS NULL OR m.fin >= {}))",
            [format!("{annee:04}-12-31"), format!("{annee:04}-01-01")],
        );
    }
    filtre.lister(conn, &REQUETE, TRIS, &f.liste, Ipe::depuis_ligne)
}

pub fn lire(conn: &Connection, id: i64) -> Resultat<Ipe> {
    liste::lire_un(conn, &REQUETE, "i.id", id, "L'IPE", Ipe::depuis_ligne)
}

/// Retrouve un IPE par « NOM Prénom » (casse et accents ignorés).
pub fn trouver_nom(conn: &Connection, nom_complet: &str) -> Resultat<Option<i64>> {
    crate::base::une(
        conn,
        "SELECT i.id FROM ipe i JOIN personne p ON p.id = i.personne_id
             WHERE normaliser(p.nom || ' ' || p.prenom) = normaliser(?1) ORDER BY i.id LIMIT 1",
        [nom_complet.trim()],
    )
}

fn valider(
    conn: &Connection,
    s: &SaisieIpe,
    id: Option<i64>,
) -> Resultat<(i64, Option<i64>, i64, Service)> {
    let mut c = Controle::default();
    match s.personne_id {
        Some(p) if liste::existe(conn, "personne", p)? => {
            let deja: Option<i64> = crate::base::une(
                conn,
                "SELECT id FROM ipe WHERE personne_id = ?1 AND id IS NOT ?2",
                rusqlite::params![p, id],
            )?;
            if deja.is_some() {
                c.ajouter("personne_id", "Cette personne a déjà une fiche IPE.");
            }
        }
        _ => c.ajouter("personne_id", "Choisissez la personne dans l'annuaire."),
    }
    if let Some(o) = s.entreprise_id {
        if !liste::existe(conn, "organisation", o)? {
            c.ajouter(
                "entreprise_id",
                "Cette entreprise n'existe plus dans l'annuaire.",
            );
        }
    }
    let academie_ok = match s.academie_id {
        Some(a) => liste::existe(conn, "academie", a)?,
        None => false,
    };
    if !academie_ok {
        c.ajouter("academie_id", "Choisissez l'académie de l'IPE.");
    }
    let service = c.champ(
        "service",
        Service::choisi(&s.service, "le service de rattachement"),
    );
    c.fin()?;
    Ok((
        s.personne_id.unwrap_or_default(),
        s.entreprise_id,
        s.academie_id.unwrap_or_default(),
        service.unwrap_or_default(),
    ))
}

pub fn creer(conn: &Connection, s: &SaisieIpe) -> Resultat<Ipe> {
    let (p, e, a, service) = valider(conn, s, None)?;
    conn.execute(
        "INSERT INTO ipe (personne_id, entreprise_id, academie_id, service) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![p, e, a, service],
    )?;
    lire(conn, conn.last_insert_rowid())
}

pub fn modifier(conn: &Connection, id: i64, s: &SaisieIpe) -> Resultat<Ipe> {
    lire(conn, id)?;
    let (p, e, a, service) = valider(conn, s, Some(id))?;
    conn.execute(
        "UPDATE ipe SET personne_id = ?1, entreprise_id = ?2, academie_id = ?3, service = ?4 WHERE id = ?5",
        rusqlite::params![p, e, a, service, id],
    )?;
    lire(conn, id)
}

/// Supprime la fiche (et ses missions) si aucune action ne la cite.
pub fn supprimer(conn: &Connection, id: i64) -> Resultat<()> {
    let i = lire(conn, id)?;
    liste::supprimer(conn, "ipe", id, &i.nom_complet)
}

const COLONNES_MISSION: &str = "id, ipe_id, debut, fin, quotite, lettre_date, lettre_missions";

/// Historique des missions d'un IPE, la plus ancienne d'abord.
pub fn missions(conn: &Connection, ipe_id: i64) -> Resultat<Vec<Mission>> {
    crate::base::toutes(
        conn,
        &format!("SELECT {COLONNES_MISSION} FROM mission_ipe WHERE ipe_id = ?1 ORDER BY debut"),
        [ipe_id],
    )
}

/// Toutes les missions qui touchent la période [debut, fin], avec l'académie de leur IPE.
pub fn missions_entre(
    conn: &Connection,
    debut: NaiveDate,
    fin: NaiveDate,
    academie_id: Option<i64>,
) -> Resultat<Vec<(Mission, i64)>> {
    let mut st = conn.prepare(
        "SELECT m.id, m.ipe_id, m.debut, m.fin, m.quotite, m.lettre_date, m.lettre_missions, i.academie_id
         FROM mission_ipe m JOIN ipe i ON i.id = m.ipe_id
         WHERE m.debut <= ?2 AND (m.fin IS NULL OR m.fin >= ?1) AND (?3 IS NULL OR i.academie_id = ?3)",
    )?;
    let v = st
        .query_map(
            rusqlite::params![dates::iso(debut), dates::iso(fin), academie_id],
            |r| Ok((Mission::depuis_ligne(r)?, r.get("academie_id")?)),
        )?
        .collect::<Result<_, _>>()?;
    Ok(v)
}

struct MissionValide {
    debut: NaiveDate,
    fin: Option<NaiveDate>,
    quotite: i64,
    lettre_date: Option<NaiveDate>,
    lettre_missions: String,
}

fn valider_mission(s: &SaisieMission) -> Resultat<MissionValide> {
    let mut c = Controle::default();
    let debut = c.champ(
        "debut",
        dates::lire(&s.debut).map_err(|e| format!("Début de mission : {e}")),
    );
    let fin = c
        .champ(
            "fin",
            dates::lire_facultative(&s.fin).map_err(|e| format!("Fin de mission : {e}")),
        )
        .flatten();
    if let (Some(d), Some(f)) = (debut, fin) {
        if f < d {
            c.ajouter(
                "fin",
                format!(
                    "La fin de mission ({}) précède son début ({}).",
                    dates::francaise(f),
                    dates::francaise(d)
                ),
            );
        }
    }
    let quotite = c.champ("quotite", quotite(&s.quotite));
    let lettre_date = c
        .champ(
            "lettre_date",
            dates::lire_facultative(&s.lettre_date).map_err(|e| format!("Lettre de mission : {e}")),
        )
        .flatten();
    let debut = c.fin_avec(debut)?;
    Ok(MissionValide {
        debut,
        fin,
        quotite: quotite.unwrap_or(100),
        lettre_date,
        lettre_missions: s.lettre_missions.trim().to_string(),
    })
}

/// Quotité en pourcentage, « 80 » ou « 80 % » ; vide : 100.
pub fn quotite(saisie: &str) -> Result<i64, String> {
    let v = saisie.trim().trim_end_matches('%').trim();
    if v.is_empty() {
        return Ok(100);
    }
    match v.parse::<i64>() {
        Ok(q) if (1..=100).contains(&q) => Ok(q),
        _ => Err(format!(
            "La quotité « {} » doit être un pourcentage entre 1 et 100.",
            saisie.trim()
        )),
    }
}

/// Deux missions d'un même IPE ne se chevauchent pas : les mois d'activité seraient comptés deux fois.
fn verifier_chevauchement(
    conn: &Connection,
    ipe_id: i64,
    m: &MissionValide,
    sauf: Option<i64>,
) -> Resultat<()> {
    for autre in missions(conn, ipe_id)?
        .into_iter()
        .filter(|a| Some(a.id) != sauf)
    {
        let fin_autre = autre.fin.unwrap_or(NaiveDate::MAX);
        if m.debut <= fin_autre && m.fin.unwrap_or(NaiveDate::MAX) >= autre.debut {
            return Err(Erreur::validation(
                "debut",
                format!(
                    "Cette mission chevauche celle commencée le {} : ajustez les dates.",
                    dates::francaise(autre.debut)
                ),
            ));
        }
    }
    Ok(())
}

pub fn ajouter_mission(conn: &Connection, ipe_id: i64, s: &SaisieMission) -> Resultat<Mission> {
    lire(conn, ipe_id)?;
    let m = valider_mission(s)?;
    verifier_chevauchement(conn, ipe_id, &m, None)?;
    conn.execute(
        "INSERT INTO mission_ipe (ipe_id, debut, fin, quotite, lettre_date, lettre_missions) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![ipe_id, dates::iso(m.debut), m.fin.map(dates::iso), m.quotite, m.lettre_date.map(dates::iso), m.lettre_missions],
    )?;
    lire_mission(conn, conn.last_insert_rowid())
}

/// La mission n° `id`.
fn lire_mission(conn: &Connection, id: i64) -> Resultat<Mission> {
    crate::base::une(
        conn,
        &format!("SELECT {COLONNES_MISSION} FROM mission_ipe WHERE id = ?1"),
        [id],
    )?
    .ok_or_else(|| Erreur::Introuvable(format!("La mission n° {id} n'existe pas (ou plus).")))
}

pub fn modifier_mission(conn: &Connection, id: i64, s: &SaisieMission) -> Resultat<Mission> {
    let ipe_id = lire_mission(conn, id)?.ipe_id;
    let m = valider_mission(s)?;
    verifier_chevauchement(conn, ipe_id, &m, Some(id))?;
    conn.execute(
        "UPDATE mission_ipe SET debut = ?1, fin = ?2, quotite = ?3, lettre_date = ?4, lettre_missions = ?5 WHERE id = ?6",
        rusqlite::params![dates::iso(m.debut), m.fin.map(dates::iso), m.quotite, m.lettre_date.map(dates::iso), m.lettre_missions, id],
    )?;
    lire_mission(conn, id)
}

pub fn supprimer_mission(conn: &Connection, id: i64) -> Resultat<()> {
    conn.execute("DELETE FROM mission_ipe WHERE id = ?1", [id])?;
    Ok(())
}
