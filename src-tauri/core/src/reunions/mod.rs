//! Les réunions, communes aux groupes de suivi des conventions et aux comités locaux
//! École-entreprise (CLEE) : lieu, ordre du jour, invités, présences, compte rendu par point,
//! décisions et actions de suivi. Une action ouverte revient à l'ordre du jour de chaque réunion
//! suivante jusqu'à sa clôture.

mod actions;
pub mod documents;
mod presences;

pub use actions::*;
pub use presences::*;

use crate::base::Ligne;
use crate::vocabulaire::Code;
use crate::{dates, liste, texte, Controle, Erreur, Resultat};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// Ce qui réunit : le groupe de suivi d'une convention, un comité local École-entreprise, ou le
/// réseau des conseillers entreprise pour l'École (CET) d'une académie (ses animations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "genre", content = "id", rename_all = "snake_case")]
pub enum Cadre {
    Convention(i64),
    Comite(i64),
    /// Identifiant de l'académie.
    Reseau(i64),
}

impl Cadre {
    pub fn id(self) -> i64 {
        match self {
            Cadre::Convention(id) | Cadre::Comite(id) | Cadre::Reseau(id) => id,
        }
    }

    /// Colonne qui désigne le cadre dans `reunion` et `suivi_action` (jamais une saisie).
    fn colonne(self) -> &'static str {
        match self {
            Cadre::Convention(_) => "convention_id",
            Cadre::Comite(_) => "comite_id",
            Cadre::Reseau(_) => "academie_id",
        }
    }

    /// Membres du cadre (personne, collège), paramètre `?2`.
    fn membres_sql(self) -> &'static str {
        match self {
            Cadre::Convention(_) => {
                "SELECT personne_id, NULL AS college FROM suivi_membre WHERE convention_id = ?2"
            }
            Cadre::Comite(_) => "SELECT personne_id, college FROM clee_membre WHERE comite_id = ?2",
            // Le réseau n'a pas de membres permanents : chaque animation a ses invités.
            Cadre::Reseau(_) => "SELECT NULL, NULL WHERE ?2 IS NULL",
        }
    }

    /// Nom affiché du cadre : titre de la convention ou nom du comité.
    pub fn titre(self, conn: &Connection) -> Resultat<String> {
        let (sql, quoi) = match self {
            Cadre::Convention(_) => (
                "SELECT titre FROM convention WHERE id = ?1",
                "La convention",
            ),
            Cadre::Comite(_) => ("SELECT nom FROM comite_clee WHERE id = ?1", "Le comité"),
            Cadre::Reseau(_) => ("SELECT nom FROM academie WHERE id = ?1", "L'académie"),
        };
        let nom: String = crate::base::une(conn, sql, [self.id()])?.ok_or_else(|| {
            Erreur::Introuvable(format!("{quoi} n° {} n'existe pas (ou plus).", self.id()))
        })?;
        Ok(match self {
            Cadre::Reseau(_) => format!(
                "Réseau des CET – académie {}",
                crate::annuaire::academies::de(&nom)
            ),
            _ => nom,
        })
    }

    /// Types de réunion permis, le premier par défaut.
    pub fn types(self) -> &'static [TypeReunion] {
        use TypeReunion::*;
        match self {
            Cadre::Convention(_) => &[GroupeSuivi],
            Cadre::Comite(_) => &[ComitePilotage, Pleniere, GroupeTravail],
            Cadre::Reseau(_) => &[
                ReunionInformation,
                AnimationThematique,
                SeminaireAcademique,
                ReunionDepartementale,
                Visite,
            ],
        }
    }
}

crate::codes! {
    /// Type de réunion ; chaque cadre a les siens (`Cadre::types`).
    pub enum TypeReunion {
        GroupeSuivi = "groupe_suivi" => "Réunion du groupe de suivi",
        ComitePilotage = "comite_pilotage" => "Comité de pilotage",
        Pleniere = "pleniere" => "Réunion plénière",
        GroupeTravail = "groupe_travail" => "Groupe de travail",
        ReunionInformation = "reunion_information" => "Réunion d'information",
        AnimationThematique = "animation_thematique" => "Animation thématique",
        SeminaireAcademique = "seminaire_academique" => "Séminaire académique",
        ReunionDepartementale = "reunion_departementale" => "Réunion départementale",
        Visite = "visite" => "Visite d'entreprise ou d'établissement",
    }
}

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Reunion {
    pub id: i64,
    #[ligne(par = cadre_lu)]
    pub cadre: Cadre,
    #[serde(rename = "type")]
    #[ligne(colonne = "type")]
    pub type_: TypeReunion,
    pub date: NaiveDate,
    pub heure: String,
    /// Lieu affiché : établissement ou organisation de l'annuaire, puis la précision saisie.
    #[ligne(par = lieu_lu)]
    pub lieu: String,
    #[ligne(colonne = "lieu")]
    pub lieu_precision: String,
    pub etablissement_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub convention_liee_id: Option<i64>,
    pub convention_liee: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SaisieReunion {
    #[serde(rename = "type")]
    pub type_: String,
    pub date: String,
    pub heure: String,
    /// Lieu écrit (ou précision : salle, bâtiment).
    pub lieu: String,
    pub etablissement_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub convention_liee_id: Option<i64>,
}

const SELECT_REUNION: &str = "SELECT r.id, r.convention_id, r.comite_id, r.academie_id, r.type, r.date, r.heure,
        r.lieu, r.etablissement_id, r.organisation_id, r.convention_liee_id, cl.titre AS convention_liee,
        coalesce(e.nom || CASE WHEN e.commune <> '' THEN ', ' || e.commune ELSE '' END,
                 o.nom || CASE WHEN o.commune <> '' THEN ', ' || o.commune ELSE '' END) AS lieu_annuaire
     FROM reunion r LEFT JOIN etablissement e ON e.id = r.etablissement_id LEFT JOIN organisation o ON o.id = r.organisation_id
     LEFT JOIN convention cl ON cl.id = r.convention_liee_id";

/// Le cadre d'une réunion : sa convention, son comité, sinon le réseau de son académie.
fn cadre_lu(r: &rusqlite::Row) -> rusqlite::Result<Cadre> {
    Ok(
        match (
            r.get::<_, Option<i64>>("convention_id")?,
            r.get::<_, Option<i64>>("comite_id")?,
            r.get::<_, Option<i64>>("academie_id")?,
        ) {
            (Some(c), ..) => Cadre::Convention(c),
            (None, Some(c), _) => Cadre::Comite(c),
            (None, None, a) => Cadre::Reseau(a.unwrap_or_default()),
        },
    )
}

/// Le lieu affiché : la fiche de l'annuaire, puis la précision saisie.
fn lieu_lu(r: &rusqlite::Row) -> rusqlite::Result<String> {
    let precision: String = r.get("lieu")?;
    Ok(match r.get::<_, Option<String>>("lieu_annuaire")? {
        Some(a) if precision.is_empty() => a,
        Some(a) => format!("{a} – {precision}"),
        None => precision,
    })
}

pub fn lister(conn: &Connection, cadre: Cadre) -> Resultat<Vec<Reunion>> {
    let sql = format!(
        "{SELECT_REUNION} WHERE r.{} = ?1 ORDER BY r.date, r.id",
        cadre.colonne()
    );
    crate::base::toutes(conn, &sql, [cadre.id()])
}

pub fn lire(conn: &Connection, id: i64) -> Resultat<Reunion> {
    crate::base::une(conn, &format!("{SELECT_REUNION} WHERE r.id = ?1"), [id])?
        .ok_or_else(|| Erreur::Introuvable(format!("La réunion n° {id} n'existe pas (ou plus).")))
}

/// Heure « 14h30 », « 14:30 » ou vide.
fn heure(saisie: &str) -> Result<String, String> {
    let t = saisie.trim().replace(['h', 'H'], ":");
    if t.is_empty() {
        return Ok(String::new());
    }
    let (h, m) = t.split_once(':').unwrap_or((&t, "0"));
    match (
        h.parse::<u32>(),
        if m.is_empty() {
            Ok(0)
        } else {
            m.parse::<u32>()
        },
    ) {
        (Ok(h), Ok(m)) if h < 24 && m < 60 => Ok(format!("{h:02}h{m:02}")),
        _ => Err(format!("L'heure « {} » s'écrit 14h30.", saisie.trim())),
    }
}

pub fn creer(conn: &Connection, cadre: Cadre, s: &SaisieReunion) -> Resultat<Reunion> {
    cadre.titre(conn)?;
    let mut c = Controle::default();
    let type_ = match s.type_.trim() {
        "" => Some(cadre.types()[0]),
        saisi => c.champ(
            "type",
            TypeReunion::choisi(saisi, "le type de réunion").and_then(|t| {
                match cadre.types().contains(&t) {
                    true => Ok(t),
                    false => Err("Choisissez le type de réunion dans la liste.".to_string()),
                }
            }),
        ),
    };
    let date = c.champ(
        "date",
        dates::lire(&s.date).map_err(|e| format!("Date de la réunion : {e}")),
    );
    let h = c.champ("heure", heure(&s.heure));
    if s.etablissement_id.is_some() && s.organisation_id.is_some() {
        c.ajouter(
            "organisation_id",
            "Le lieu est un établissement ou une organisation, pas les deux.",
        );
    }
    for (champ, table, id, quoi) in [
        (
            "etablissement_id",
            "etablissement",
            s.etablissement_id,
            "Cet établissement",
        ),
        (
            "organisation_id",
            "organisation",
            s.organisation_id,
            "Cette organisation",
        ),
        (
            "convention_liee_id",
            "convention",
            s.convention_liee_id,
            "Cette convention",
        ),
    ] {
        if let Some(id) = id {
            if !liste::existe(conn, table, id)? {
                c.ajouter(champ, format!("{quoi} n'existe plus."));
            }
        }
    }
    c.fin()?;
    conn.execute(
        &format!("INSERT INTO reunion ({}, type, date, heure, lieu, etablissement_id, organisation_id, convention_liee_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", cadre.colonne()),
        rusqlite::params![cadre.id(), type_, date.map(dates::iso), h, s.lieu.trim(), s.etablissement_id, s.organisation_id, s.convention_liee_id],
    )?;
    lire(conn, conn.last_insert_rowid())
}

/// Réunions (de comités) rattachées à une convention, pour sa fiche.
pub fn liees_a_convention(conn: &Connection, convention_id: i64) -> Resultat<Vec<Reunion>> {
    crate::base::toutes(
        conn,
        &format!("{SELECT_REUNION} WHERE r.convention_liee_id = ?1 ORDER BY r.date DESC, r.id"),
        [convention_id],
    )
}

/// La réunion précédente (la dernière avant `date`), pour borner « l'activité depuis ».
pub fn precedente(conn: &Connection, cadre: Cadre, date: NaiveDate) -> Resultat<Option<Reunion>> {
    let sql = format!(
        "{SELECT_REUNION} WHERE r.{} = ?1 AND r.date < ?2 ORDER BY r.date DESC, r.id DESC LIMIT 1",
        cadre.colonne()
    );
    crate::base::une(conn, &sql, rusqlite::params![cadre.id(), dates::iso(date)])
}

// ——— Ordre du jour et compte rendu ———

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct Point {
    pub id: i64,
    pub ordre: i64,
    pub intitule: String,
    pub compte_rendu: String,
}

pub fn points(conn: &Connection, reunion_id: i64) -> Resultat<Vec<Point>> {
    crate::base::toutes(
        conn,
        "SELECT id, ordre, intitule, compte_rendu FROM reunion_point WHERE reunion_id = ?1 ORDER BY ordre, id",
        [reunion_id],
    )
}

pub fn ajouter_point(conn: &Connection, reunion_id: i64, intitule: &str) -> Resultat<Vec<Point>> {
    liste::exiger(conn, "reunion", reunion_id, "La réunion")?;
    let intitule = texte::obligatoire("L'intitulé du point", intitule)
        .map_err(|m| Erreur::validation("intitule", m))?;
    conn.execute(
        "INSERT INTO reunion_point (reunion_id, ordre, intitule) VALUES (?1, (SELECT coalesce(max(ordre), 0) + 1 FROM reunion_point WHERE reunion_id = ?1), ?2)",
        rusqlite::params![reunion_id, intitule],
    )?;
    points(conn, reunion_id)
}

/// Reprend l'ordre du jour proposé (actions ouvertes comprises) comme points de la réunion.
pub fn reprendre_ordre_du_jour(conn: &Connection, reunion_id: i64) -> Resultat<Vec<Point>> {
    if points(conn, reunion_id)?.is_empty() {
        for p in ordre_du_jour(conn, reunion_id)? {
            ajouter_point(conn, reunion_id, &p)?;
        }
    }
    points(conn, reunion_id)
}

pub fn ecrire_compte_rendu(conn: &Connection, point_id: i64, texte: &str) -> Resultat<()> {
    let n = conn.execute(
        "UPDATE reunion_point SET compte_rendu = ?1 WHERE id = ?2",
        rusqlite::params![texte.trim(), point_id],
    )?;
    if n == 0 {
        return Err(Erreur::Introuvable(format!(
            "Le point n° {point_id} n'existe pas (ou plus)."
        )));
    }
    Ok(())
}

// ——— Décisions ———

pub fn decisions(conn: &Connection, reunion_id: i64) -> Resultat<Vec<String>> {
    crate::base::toutes(
        conn,
        "SELECT texte FROM reunion_decision WHERE reunion_id = ?1 ORDER BY id",
        [reunion_id],
    )
}

pub fn ajouter_decision(conn: &Connection, reunion_id: i64, texte: &str) -> Resultat<Vec<String>> {
    liste::exiger(conn, "reunion", reunion_id, "La réunion")?;
    let t = texte::obligatoire("La décision", texte).map_err(|m| Erreur::validation("texte", m))?;
    conn.execute(
        "INSERT INTO reunion_decision (reunion_id, texte) VALUES (?1, ?2)",
        rusqlite::params![reunion_id, t],
    )?;
    decisions(conn, reunion_id)
}

/// Tout ce que l'écran d'une réunion affiche.
#[derive(Debug, Serialize)]
pub struct DetailReunion {
    pub reunion: Reunion,
    pub titre_cadre: String,
    pub points: Vec<Point>,
    pub presences: Vec<Presence>,
    pub decisions: Vec<String>,
    pub actions: Vec<ActionSuivi>,
}

pub fn detail(conn: &Connection, reunion_id: i64) -> Resultat<DetailReunion> {
    let reunion = lire(conn, reunion_id)?;
    Ok(DetailReunion {
        titre_cadre: reunion.cadre.titre(conn)?,
        reunion,
        points: points(conn, reunion_id)?,
        presences: presences(conn, reunion_id)?,
        decisions: decisions(conn, reunion_id)?,
        actions: actions_decidees(conn, reunion_id)?,
    })
}
