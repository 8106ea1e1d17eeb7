//! Contrat annuel de progrès d'une convention : actions prévues, indicateur, cible et valeur
//! atteinte. Quand l'indicateur se lit dans l'activité liée (actions IPE rattachées à la
//! convention), la valeur atteinte est calculée et non saisie.

use crate::base::Ligne;
use crate::vocabulaire::Code;
use crate::{liste, texte, Controle, Erreur, Resultat};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

crate::codes! {
    /// D'où vient la valeur atteinte d'une ligne du contrat de progrès.
    pub enum Source {
        Saisie = "saisie" => "Valeur saisie",
        ActionsIpe = "actions_ipe" => "Nombre d'actions IPE liées dans l'année",
        JeunesIpe = "jeunes_ipe" => "Jeunes touchés par les actions IPE liées",
    }
}

#[derive(Debug, Clone, Serialize, Ligne)]
pub struct LigneContrat {
    pub id: i64,
    pub academie_id: Option<i64>,
    pub academie: Option<String>,
    pub annee: i32,
    pub action_prevue: String,
    pub indicateur: String,
    pub cible: i64,
    pub source: Source,
    /// Saisie, ou calculée pour les sources liées à l'activité.
    pub realise: Option<i64>,
    /// Atteint / cible, en pour cent entier.
    #[ligne(defaut)]
    pub taux: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SaisieLigneContrat {
    pub academie_id: Option<i64>,
    pub annee: String,
    pub action_prevue: String,
    pub indicateur: String,
    pub cible: String,
    pub source: String,
    pub realise: String,
}

fn calcule(
    conn: &Connection,
    convention_id: i64,
    academie_id: Option<i64>,
    annee: i32,
    source: Source,
) -> Resultat<Option<i64>> {
    let expr = match source {
        Source::ActionsIpe => "count(*)",
        Source::JeunesIpe => "coalesce(sum(jeunes_filles + jeunes_garcons), 0)",
        Source::Saisie => return Ok(None),
    };
    let n = conn.query_row(
        &format!(
            "SELECT {expr} FROM action_ipe WHERE convention_id = ?1 AND date BETWEEN ?2 AND ?3 AND (?4 IS NULL OR academie_id = ?4)"
        ),
        rusqlite::params![convention_id, format!("{annee:04}-01-01"), format!("{annee:04}-12-31"), academie_id],
        |r| r.get(0),
    )?;
    Ok(Some(n))
}

/// Lignes du contrat de la convention, pour une année ou toutes.
pub fn lignes(
    conn: &Connection,
    convention_id: i64,
    annee: Option<i32>,
) -> Resultat<Vec<LigneContrat>> {
    let brutes: Vec<LigneContrat> = crate::base::toutes(
        conn,
        "SELECT c.id, c.academie_id, a.nom AS academie, c.annee, c.action_prevue, c.indicateur, c.cible, c.source, c.realise
         FROM contrat_progres c LEFT JOIN academie a ON a.id = c.academie_id
         WHERE c.convention_id = ?1 AND (?2 IS NULL OR c.annee = ?2) ORDER BY c.annee, a.nom, c.id",
        rusqlite::params![convention_id, annee],
    )?;
    brutes
        .into_iter()
        .map(|mut l| {
            if let Some(v) = calcule(conn, convention_id, l.academie_id, l.annee, l.source)? {
                l.realise = Some(v);
            }
            l.taux = l
                .realise
                .filter(|_| l.cible > 0)
                .map(|r| (r as f64 / l.cible as f64 * 100.0).round() as i64);
            Ok(l)
        })
        .collect()
}

fn entier(saisie: &str, libelle: &str) -> Result<Option<i64>, String> {
    let t: String = saisie.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<i64>() {
        Ok(n) if n >= 0 => Ok(Some(n)),
        _ => Err(format!(
            "{libelle} : « {} » doit être un nombre entier positif.",
            saisie.trim()
        )),
    }
}

pub fn ajouter(
    conn: &Connection,
    convention_id: i64,
    s: &SaisieLigneContrat,
) -> Resultat<Vec<LigneContrat>> {
    if !liste::existe(conn, "convention", convention_id)? {
        return Err(Erreur::Introuvable(format!(
            "La convention n° {convention_id} n'existe pas (ou plus)."
        )));
    }
    let mut c = Controle::default();
    let annee = c.champ("annee", crate::dates::lire_annee(&s.annee));
    let action = c.champ(
        "action_prevue",
        texte::obligatoire("L'action prévue", &s.action_prevue),
    );
    let indicateur = c.champ(
        "indicateur",
        texte::obligatoire("L'indicateur", &s.indicateur),
    );
    let cible = c.champ(
        "cible",
        entier(&s.cible, "La cible")
            .and_then(|v| v.ok_or_else(|| "La cible est obligatoire.".to_string())),
    );
    let source = match s.source.trim() {
        "" => Some(Source::Saisie),
        saisi => c.champ(
            "source",
            Source::choisi(saisi, "la source de la valeur atteinte"),
        ),
    };
    let realise = c
        .champ("realise", entier(&s.realise, "La valeur atteinte"))
        .flatten();
    if let Some(a) = s.academie_id {
        if !liste::existe(conn, "academie", a)? {
            c.ajouter("academie_id", "Cette académie n'existe pas.");
        }
    }
    c.fin()?;
    let source = source.unwrap_or_default();
    conn.execute(
        "INSERT INTO contrat_progres (convention_id, academie_id, annee, action_prevue, indicateur, cible, source, realise)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![convention_id, s.academie_id, annee, action, indicateur, cible, source, if source == Source::Saisie { realise } else { None }],
    )?;
    lignes(conn, convention_id, None)
}
