//! Le groupe de suivi d'une convention : membres, réunions, présences, compte rendu par point,
//! décisions et actions de suivi. Une action ouverte revient à l'ordre du jour de chaque réunion
//! suivante jusqu'à sa clôture.

use crate::{dates, liste, texte, Controle, Erreur, Resultat};
use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize)]
pub struct Membre {
    pub id: i64,
    pub personne_id: i64,
    pub nom: String,
    pub fonction: String,
    pub rattachement: Option<String>,
    pub role: String,
}

pub fn membres(conn: &Connection, convention_id: i64) -> Resultat<Vec<Membre>> {
    let mut st = conn.prepare(
        "SELECT m.id, m.personne_id, p.nom || ' ' || p.prenom, p.fonction, coalesce(o.nom, e.nom), m.role
         FROM suivi_membre m JOIN personne p ON p.id = m.personne_id
         LEFT JOIN organisation o ON o.id = p.organisation_id LEFT JOIN etablissement e ON e.id = p.etablissement_id
         WHERE m.convention_id = ?1 ORDER BY normaliser(p.nom), p.prenom",
    )?;
    let v = st
        .query_map([convention_id], |r| {
            Ok(Membre { id: r.get(0)?, personne_id: r.get(1)?, nom: r.get(2)?, fonction: r.get(3)?, rattachement: r.get(4)?, role: r.get(5)? })
        })?
        .collect::<Result<_, _>>()?;
    Ok(v)
}

pub fn ajouter_membre(conn: &Connection, convention_id: i64, personne_id: Option<i64>, role: &str) -> Resultat<Vec<Membre>> {
    existe(conn, "convention", convention_id, "La convention")?;
    let Some(p) = personne_id.filter(|p| liste::existe(conn, "personne", *p).unwrap_or(false)) else {
        return Err(Erreur::validation("personne_id", "Choisissez la personne dans l'annuaire."));
    };
    let deja: Option<i64> =
        conn.query_row("SELECT id FROM suivi_membre WHERE convention_id = ?1 AND personne_id = ?2", [convention_id, p], |r| r.get(0)).optional()?;
    if deja.is_some() {
        return Err(Erreur::validation("personne_id", "Cette personne est déjà membre du groupe de suivi."));
    }
    conn.execute("INSERT INTO suivi_membre (convention_id, personne_id, role) VALUES (?1, ?2, ?3)", rusqlite::params![convention_id, p, role.trim()])?;
    membres(conn, convention_id)
}

fn existe(conn: &Connection, table: &str, id: i64, quoi: &str) -> Resultat<()> {
    if liste::existe(conn, table, id)? { Ok(()) } else { Err(Erreur::Introuvable(format!("{quoi} n° {id} n'existe pas (ou plus)."))) }
}

#[derive(Debug, Clone, Serialize)]
pub struct Reunion {
    pub id: i64,
    pub convention_id: i64,
    pub date: NaiveDate,
    pub heure: String,
    pub lieu: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SaisieReunion {
    pub date: String,
    pub heure: String,
    pub lieu: String,
}

fn ligne_reunion(r: &rusqlite::Row) -> rusqlite::Result<Reunion> {
    Ok(Reunion { id: r.get(0)?, convention_id: r.get(1)?, date: dates::depuis_iso(&r.get::<_, String>(2)?)?, heure: r.get(3)?, lieu: r.get(4)? })
}

pub fn reunions(conn: &Connection, convention_id: i64) -> Resultat<Vec<Reunion>> {
    let mut st = conn.prepare("SELECT id, convention_id, date, heure, lieu FROM reunion_suivi WHERE convention_id = ?1 ORDER BY date, id")?;
    let v = st.query_map([convention_id], ligne_reunion)?.collect::<Result<_, _>>()?;
    Ok(v)
}

pub fn reunion(conn: &Connection, id: i64) -> Resultat<Reunion> {
    conn.query_row("SELECT id, convention_id, date, heure, lieu FROM reunion_suivi WHERE id = ?1", [id], ligne_reunion)
        .optional()?
        .ok_or_else(|| Erreur::Introuvable(format!("La réunion n° {id} n'existe pas (ou plus).")))
}

/// Heure « 14h30 », « 14:30 » ou vide.
fn heure(saisie: &str) -> Result<String, String> {
    let t = saisie.trim().replace(['h', 'H'], ":");
    if t.is_empty() {
        return Ok(String::new());
    }
    let (h, m) = t.split_once(':').unwrap_or((&t, "0"));
    match (h.parse::<u32>(), if m.is_empty() { Ok(0) } else { m.parse::<u32>() }) {
        (Ok(h), Ok(m)) if h < 24 && m < 60 => Ok(format!("{h:02}h{m:02}")),
        _ => Err(format!("L'heure « {} » s'écrit 14h30.", saisie.trim())),
    }
}

pub fn creer_reunion(conn: &Connection, convention_id: i64, s: &SaisieReunion) -> Resultat<Reunion> {
    existe(conn, "convention", convention_id, "La convention")?;
    let mut c = Controle::default();
    let date = c.champ("date", dates::lire(&s.date).map_err(|e| format!("Date de la réunion : {e}")));
    let h = c.champ("heure", heure(&s.heure));
    c.fin()?;
    conn.execute(
        "INSERT INTO reunion_suivi (convention_id, date, heure, lieu) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![convention_id, date.map(dates::iso), h, s.lieu.trim()],
    )?;
    reunion(conn, conn.last_insert_rowid())
}

/// La réunion précédente (la dernière avant `date`), pour borner « l'activité depuis ».
pub fn reunion_precedente(conn: &Connection, convention_id: i64, date: NaiveDate) -> Resultat<Option<Reunion>> {
    Ok(conn
        .query_row(
            "SELECT id, convention_id, date, heure, lieu FROM reunion_suivi WHERE convention_id = ?1 AND date < ?2 ORDER BY date DESC, id DESC LIMIT 1",
            rusqlite::params![convention_id, dates::iso(date)],
            ligne_reunion,
        )
        .optional()?)
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActionSuivi {
    pub id: i64,
    pub intitule: String,
    pub responsable: Option<String>,
    pub echeance: Option<NaiveDate>,
    pub decidee_le: Option<NaiveDate>,
    pub close_le: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SaisieActionSuivi {
    pub intitule: String,
    pub responsable_id: Option<i64>,
    pub echeance: String,
    pub reunion_id: Option<i64>,
}

fn date_opt(v: Option<String>) -> rusqlite::Result<Option<NaiveDate>> {
    v.map(|s| dates::depuis_iso(&s)).transpose()
}

/// Actions de la convention ; `ouvertes_au` : seulement celles encore ouvertes à cette date.
pub fn actions(conn: &Connection, convention_id: i64, ouvertes_au: Option<NaiveDate>) -> Resultat<Vec<ActionSuivi>> {
    let mut st = conn.prepare(
        "SELECT a.id, a.intitule, p.prenom || ' ' || p.nom, a.echeance, r.date, a.close_le
         FROM suivi_action a LEFT JOIN personne p ON p.id = a.responsable_id LEFT JOIN reunion_suivi r ON r.id = a.reunion_id
         WHERE a.convention_id = ?1 AND (?2 IS NULL OR a.close_le IS NULL OR a.close_le > ?2)
           AND (?2 IS NULL OR coalesce(r.date, '') < ?2)
         ORDER BY coalesce(a.echeance, '9999'), a.id",
    )?;
    let v = st
        .query_map(rusqlite::params![convention_id, ouvertes_au.map(dates::iso)], |r| {
            Ok(ActionSuivi {
                id: r.get(0)?,
                intitule: r.get(1)?,
                responsable: r.get(2)?,
                echeance: date_opt(r.get(3)?)?,
                decidee_le: date_opt(r.get(4)?)?,
                close_le: date_opt(r.get(5)?)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(v)
}

pub fn ajouter_action(conn: &Connection, convention_id: i64, s: &SaisieActionSuivi) -> Resultat<Vec<ActionSuivi>> {
    existe(conn, "convention", convention_id, "La convention")?;
    let mut c = Controle::default();
    let intitule = c.champ("intitule", texte::obligatoire("L'intitulé de l'action", &s.intitule));
    let echeance = c.champ("echeance", dates::lire_facultative(&s.echeance).map_err(|e| format!("Échéance : {e}"))).flatten();
    if let Some(p) = s.responsable_id {
        if !liste::existe(conn, "personne", p)? {
            c.ajouter("responsable_id", "Ce responsable n'existe plus dans l'annuaire.");
        }
    }
    c.fin()?;
    conn.execute(
        "INSERT INTO suivi_action (convention_id, reunion_id, intitule, responsable_id, echeance) VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![convention_id, s.reunion_id, intitule, s.responsable_id, echeance.map(dates::iso)],
    )?;
    actions(conn, convention_id, None)
}

pub fn clore_action(conn: &Connection, id: i64, le: NaiveDate) -> Resultat<()> {
    let n = conn.execute("UPDATE suivi_action SET close_le = ?1 WHERE id = ?2", rusqlite::params![dates::iso(le), id])?;
    if n == 0 {
        return Err(Erreur::Introuvable(format!("L'action de suivi n° {id} n'existe pas (ou plus).")));
    }
    Ok(())
}

pub fn clore_action_aujourdhui(conn: &Connection, id: i64) -> Resultat<()> {
    clore_action(conn, id, chrono::Local::now().date_naive())
}

/// Ordre du jour proposé : ouverture, point sur les actions ouvertes (reportées), activité
/// depuis la dernière réunion, échéances, contrat de progrès, questions diverses.
pub fn ordre_du_jour_propose(ouvertes: &[ActionSuivi]) -> Vec<String> {
    let mut points = vec!["Ouverture de la séance et approbation du relevé de la réunion précédente".to_string()];
    points.extend(ouvertes.iter().map(|a| format!("Suivi de l'action : {}", a.intitule)));
    points.extend([
        "Activité depuis la dernière réunion".to_string(),
        "Échéances à venir de la convention".to_string(),
        "Contrat annuel de progrès : indicateurs".to_string(),
        "Questions diverses et date de la prochaine réunion".to_string(),
    ]);
    points
}

/// La règle « au moins N réunions par an » : nombre tenues ou prévues dans l'année.
pub fn reunions_dans_l_annee(conn: &Connection, convention_id: i64, annee: i32) -> Resultat<usize> {
    Ok(reunions(conn, convention_id)?.iter().filter(|r| r.date.year() == annee).count())
}

// ——— Une réunion : ordre du jour et compte rendu, présences, décisions ———

#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub id: i64,
    pub ordre: i64,
    pub intitule: String,
    pub compte_rendu: String,
}

pub fn points(conn: &Connection, reunion_id: i64) -> Resultat<Vec<Point>> {
    let mut st = conn.prepare("SELECT id, ordre, intitule, compte_rendu FROM reunion_point WHERE reunion_id = ?1 ORDER BY ordre, id")?;
    let v = st
        .query_map([reunion_id], |r| Ok(Point { id: r.get(0)?, ordre: r.get(1)?, intitule: r.get(2)?, compte_rendu: r.get(3)? }))?
        .collect::<Result<_, _>>()?;
    Ok(v)
}

pub fn ajouter_point(conn: &Connection, reunion_id: i64, intitule: &str) -> Resultat<Vec<Point>> {
    existe(conn, "reunion_suivi", reunion_id, "La réunion")?;
    let intitule = texte::obligatoire("L'intitulé du point", intitule).map_err(|m| Erreur::validation("intitule", m))?;
    conn.execute(
        "INSERT INTO reunion_point (reunion_id, ordre, intitule) VALUES (?1, (SELECT coalesce(max(ordre), 0) + 1 FROM reunion_point WHERE reunion_id = ?1), ?2)",
        rusqlite::params![reunion_id, intitule],
    )?;
    points(conn, reunion_id)
}

/// Reprend l'ordre du jour proposé (actions ouvertes comprises) comme points de la réunion.
pub fn reprendre_ordre_du_jour(conn: &Connection, reunion_id: i64) -> Resultat<Vec<Point>> {
    let r = reunion(conn, reunion_id)?;
    if points(conn, reunion_id)?.is_empty() {
        for p in ordre_du_jour_propose(&actions(conn, r.convention_id, Some(r.date))?) {
            ajouter_point(conn, reunion_id, &p)?;
        }
    }
    points(conn, reunion_id)
}

pub fn ecrire_compte_rendu(conn: &Connection, point_id: i64, texte: &str) -> Resultat<()> {
    let n = conn.execute("UPDATE reunion_point SET compte_rendu = ?1 WHERE id = ?2", rusqlite::params![texte.trim(), point_id])?;
    if n == 0 {
        return Err(Erreur::Introuvable(format!("Le point n° {point_id} n'existe pas (ou plus).")));
    }
    Ok(())
}

pub const ETATS_PRESENCE: &[(&str, &str)] = &[("present", "Présent"), ("excuse", "Excusé"), ("absent", "Absent")];

#[derive(Debug, Clone, Serialize)]
pub struct Presence {
    pub personne_id: i64,
    pub nom: String,
    pub fonction: String,
    pub email: String,
    /// `None` : pas encore pointé.
    pub etat: Option<String>,
}

/// Les membres du groupe (et toute personne pointée), avec leur présence à la réunion.
pub fn presences(conn: &Connection, reunion_id: i64) -> Resultat<Vec<Presence>> {
    let r = reunion(conn, reunion_id)?;
    let mut st = conn.prepare(
        "SELECT p.id, p.nom || ' ' || p.prenom, trim(p.fonction || CASE WHEN coalesce(o.nom, e.nom) IS NULL THEN '' ELSE ' – ' || coalesce(o.nom, e.nom) END),
                p.email, rp.etat
         FROM personne p LEFT JOIN organisation o ON o.id = p.organisation_id LEFT JOIN etablissement e ON e.id = p.etablissement_id
         LEFT JOIN reunion_presence rp ON rp.personne_id = p.id AND rp.reunion_id = ?1
         WHERE p.id IN (SELECT personne_id FROM suivi_membre WHERE convention_id = ?2)
            OR p.id IN (SELECT personne_id FROM reunion_presence WHERE reunion_id = ?1)
         ORDER BY normaliser(p.nom), p.prenom",
    )?;
    let v = st
        .query_map([reunion_id, r.convention_id], |r| {
            Ok(Presence { personne_id: r.get(0)?, nom: r.get(1)?, fonction: r.get(2)?, email: r.get(3)?, etat: r.get(4)? })
        })?
        .collect::<Result<_, _>>()?;
    Ok(v)
}

pub fn marquer_presence(conn: &Connection, reunion_id: i64, personne_id: i64, etat: &str) -> Resultat<()> {
    existe(conn, "reunion_suivi", reunion_id, "La réunion")?;
    existe(conn, "personne", personne_id, "La personne")?;
    let etat = liste::code_connu(ETATS_PRESENCE, etat, "présent, excusé ou absent").map_err(|m| Erreur::validation("etat", m))?;
    conn.execute(
        "INSERT INTO reunion_presence (reunion_id, personne_id, etat) VALUES (?1, ?2, ?3)
         ON CONFLICT (reunion_id, personne_id) DO UPDATE SET etat = excluded.etat",
        rusqlite::params![reunion_id, personne_id, etat],
    )?;
    Ok(())
}

pub fn decisions(conn: &Connection, reunion_id: i64) -> Resultat<Vec<String>> {
    let mut st = conn.prepare("SELECT texte FROM reunion_decision WHERE reunion_id = ?1 ORDER BY id")?;
    let v = st.query_map([reunion_id], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(v)
}

pub fn ajouter_decision(conn: &Connection, reunion_id: i64, texte: &str) -> Resultat<Vec<String>> {
    existe(conn, "reunion_suivi", reunion_id, "La réunion")?;
    let t = texte::obligatoire("La décision", texte).map_err(|m| Erreur::validation("texte", m))?;
    conn.execute("INSERT INTO reunion_decision (reunion_id, texte) VALUES (?1, ?2)", rusqlite::params![reunion_id, t])?;
    decisions(conn, reunion_id)
}

/// Actions décidées pendant cette réunion.
pub fn actions_decidees(conn: &Connection, reunion_id: i64) -> Resultat<Vec<ActionSuivi>> {
    let r = reunion(conn, reunion_id)?;
    Ok(actions(conn, r.convention_id, None)?.into_iter().filter(|a| a.decidee_le == Some(r.date)).collect())
}

/// Tout ce que l'écran d'une réunion affiche.
#[derive(Debug, Serialize)]
pub struct DetailReunion {
    pub reunion: Reunion,
    pub points: Vec<Point>,
    pub presences: Vec<Presence>,
    pub decisions: Vec<String>,
    pub actions: Vec<ActionSuivi>,
}

pub fn detail(conn: &Connection, reunion_id: i64) -> Resultat<DetailReunion> {
    Ok(DetailReunion {
        reunion: reunion(conn, reunion_id)?,
        points: points(conn, reunion_id)?,
        presences: presences(conn, reunion_id)?,
        decisions: decisions(conn, reunion_id)?,
        actions: actions_decidees(conn, reunion_id)?,
    })
}
