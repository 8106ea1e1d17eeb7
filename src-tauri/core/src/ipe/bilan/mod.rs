//! Le bilan annuel des IPE, calculé selon les définitions écrites dans le README et dans les
//! notes du PDF :
//! - actions de l'année : datées dans l'année civile (ou scolaire, du 1er septembre au 31 août) ;
//! - chiffres : sommes sur ces actions ; jeunes = filles + garçons ; enseignants = femmes + hommes ;
//! - mois d'activité : pour chaque IPE et chaque mois de la période, la part des jours du mois
//!   couverts par une mission (bornes comprises) × la quotité ; IPE (ETP) = mois / 12 arrondi ;
//! - académies : académies distinctes des IPE en mission pendant la période ;
//! - évolution : (actions N − actions N−1) / actions N−1, en pourcentage entier, si N−1 en a.
//!
//! Ici les chiffres et le modèle (SQL seulement) ; la mise en page du PDF et du CSV est dans
//! `rendu.rs`.

pub mod evolution;
mod rendu;

pub use rendu::{
    chiffres_cles, phrase_activite, phrase_evolution, rendre_bilan, rendre_bilan_csv, DEFINITIONS,
};

use super::actions::Effectifs;
use super::commentaires::{self, CleBilan};
use super::intervenants;
use super::themes;
use crate::annuaire::academies;
use crate::rapport::{self, rendre_pdf, Document, Genre};
use crate::texte::decimal1;
use crate::{dates, Erreur, Resultat};
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

pub use crate::dates::Periode;

/// Mois d'activité d'une mission pendant [debut_periode, fin_periode] : pour chaque mois
/// civil, jours couverts / jours du mois × quotité.
pub fn mois_d_activite(
    debut: NaiveDate,
    fin: Option<NaiveDate>,
    quotite: i64,
    periode: (NaiveDate, NaiveDate),
) -> f64 {
    let (p_debut, p_fin) = periode;
    let mut total = 0.0;
    let mut mois =
        NaiveDate::from_ymd_opt(p_debut.year(), p_debut.month(), 1).expect("premier du mois");
    while mois <= p_fin {
        let jours = dates::jours_du_mois(mois.year(), mois.month());
        let fin_mois = mois + chrono::Days::new(jours as u64 - 1);
        let a = debut.max(mois).max(p_debut);
        let b = fin.unwrap_or(NaiveDate::MAX).min(fin_mois).min(p_fin);
        if a <= b {
            let couverts = (b - a).num_days() + 1;
            total += couverts as f64 / jours as f64 * quotite as f64 / 100.0;
        }
        mois = fin_mois + chrono::Days::new(1);
    }
    total
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LigneTheme {
    pub code: String,
    pub libelle: String,
    pub actions: i64,
    pub academies: i64,
    #[serde(flatten)]
    pub effectifs: Effectifs,
    pub jeunes: i64,
    pub enseignants: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Bilan {
    pub periode: Periode,
    pub periode_libelle: String,
    /// `None` : national.
    pub academie_id: Option<i64>,
    pub perimetre_libelle: String,
    /// Code pour ranger les commentaires : « national » ou le code de l'académie.
    pub perimetre_code: String,
    pub actions: i64,
    #[serde(flatten)]
    pub effectifs: Effectifs,
    pub jeunes: i64,
    pub enseignants: i64,
    pub mois_activite: f64,
    /// Équivalents temps plein : mois / 12 arrondi à l'entier le plus proche.
    pub ipe_etp: i64,
    pub academies: i64,
    pub actions_precedentes: i64,
    /// Évolution en % entier sur la période précédente, si elle a des actions.
    pub evolution: Option<i64>,
    pub themes: Vec<LigneTheme>,
}

/// Par thème : nombre d'actions, académies distinctes, effectifs cumulés.
type ParTheme = BTreeMap<i64, (i64, BTreeSet<i64>, Effectifs)>;

/// Nombre d'actions et effectifs de la période, par thème (avec ses académies distinctes).
fn actions_par_theme(
    conn: &Connection,
    periode: Periode,
    academie_id: Option<i64>,
) -> Resultat<ParTheme> {
    let (debut, fin) = periode.bornes();
    let mut st = conn.prepare(
        "SELECT theme_id, academie_id, etablissements, jeunes_filles, jeunes_garcons, enseignants_femmes, enseignants_hommes,
                entreprises, organisations_professionnelles
         FROM action_ipe WHERE date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR academie_id = ?3)",
    )?;
    let mut par_theme = ParTheme::new();
    let mut lignes = st.query(rusqlite::params![
        dates::iso(debut),
        dates::iso(fin),
        academie_id
    ])?;
    while let Some(r) = lignes.next()? {
        let entree = par_theme.entry(r.get(0)?).or_default();
        entree.0 = crate::nombres::somme(entree.0, 1)?;
        if let Some(a) = r.get::<_, Option<i64>>(1)? {
            entree.1.insert(a);
        }
        let e = Effectifs {
            etablissements: r.get(2)?,
            jeunes_filles: r.get(3)?,
            jeunes_garcons: r.get(4)?,
            enseignants_femmes: r.get(5)?,
            enseignants_hommes: r.get(6)?,
            entreprises: r.get(7)?,
            organisations_professionnelles: r.get(8)?,
        };
        entree.2 = entree.2.somme(&e)?;
    }
    Ok(par_theme)
}

pub fn calculer(conn: &Connection, periode: Periode, academie_id: Option<i64>) -> Resultat<Bilan> {
    // L'année arrive de la fenêtre ou de la ligne de commande : bornée ici, à l'entrée.
    periode
        .verifier()
        .map_err(|m| Erreur::validation("annee", m))?;
    let (perimetre_libelle, perimetre_code) = match academie_id {
        None => ("national".to_string(), "national".to_string()),
        Some(id) => {
            let a = academies::lire(conn, id)?;
            (format!("académie {}", academies::de(&a.nom)), a.code)
        }
    };
    let par_theme = actions_par_theme(conn, periode, academie_id)?;
    let mut total = Effectifs::default();
    let mut actions = 0;
    let mut lignes = Vec::new();
    for t in themes::lister(conn)? {
        let (n, academies, e) = par_theme.get(&t.id).cloned().unwrap_or_default();
        actions = crate::nombres::somme(actions, n)?;
        total = total.somme(&e)?;
        let (jeunes, enseignants) = e.totaux_controles()?;
        lignes.push(LigneTheme {
            code: t.code,
            libelle: t.libelle,
            actions: n,
            academies: academies.len() as i64,
            jeunes,
            enseignants,
            effectifs: e,
        });
    }
    let bornes = periode.bornes();
    let mut mois = 0.0;
    let mut academies = BTreeSet::new();
    for (m, academie) in intervenants::missions_entre(conn, bornes.0, bornes.1, academie_id)? {
        let part = mois_d_activite(m.debut, m.fin, m.quotite, bornes);
        if part > 0.0 {
            mois += part;
            academies.insert(academie);
        }
    }
    let actions_precedentes = crate::nombres::total(
        actions_par_theme(conn, periode.precedente(), academie_id)?
            .values()
            .map(|v| v.0),
    )?;
    let (jeunes, enseignants) = total.totaux_controles()?;
    let evolution = (actions_precedentes > 0).then(|| {
        ((actions - actions_precedentes) as f64 / actions_precedentes as f64 * 100.0).round() as i64
    });
    Ok(Bilan {
        periode,
        periode_libelle: periode.libelle(),
        academie_id,
        perimetre_libelle,
        perimetre_code,
        actions,
        jeunes,
        enseignants,
        effectifs: total,
        mois_activite: (mois * 10.0).round() / 10.0,
        ipe_etp: (mois / 12.0).round() as i64,
        academies: academies.len() as i64,
        actions_precedentes,
        evolution,
        themes: lignes,
    })
}

/// Le modèle du bilan imprimé : les chiffres, les commentaires du délégué (par thème et
/// « conclusion ») et le jour de l'édition. Se lit aussi d'un JSON (fixtures des tests).
#[derive(Debug, Clone, Deserialize)]
pub struct ModeleBilan {
    pub bilan: Bilan,
    /// Commentaire par code de thème, et la conclusion sous « conclusion ».
    pub commentaires: BTreeMap<String, String>,
    pub edite_le: NaiveDate,
    /// Dans une base de consolidation : les sources qui font ce bilan (« 24 sources, reçues du
    /// 02/01/2008 au 15/01/2008 »).
    #[serde(default)]
    pub couverture: Option<String>,
}

/// Ce que couvre le bilan d'une base qui a reçu des paquets IPE pour cette période.
pub(super) fn couverture(
    conn: &Connection,
    periode: Periode,
    academie_id: Option<i64>,
) -> Resultat<Option<String>> {
    crate::consolidation::couverture(
        conn,
        crate::consolidation::Perimetre::Ipe,
        &periode.libelle(),
        academie_id,
    )
}

/// Calcule les chiffres et lit les commentaires enregistrés pour ce bilan.
pub fn modele_bilan(
    conn: &Connection,
    periode: Periode,
    academie_id: Option<i64>,
) -> Resultat<ModeleBilan> {
    let bilan = calculer(conn, periode, academie_id)?;
    let cle = CleBilan {
        bilan: "ipe".into(),
        annee: periode.annee(),
        periode: periode.genre(),
        perimetre: bilan.perimetre_code.clone(),
    };
    Ok(ModeleBilan {
        commentaires: commentaires::lire(conn, &cle)?,
        bilan,
        edite_le: rapport::aujourdhui(),
        couverture: couverture(conn, periode, academie_id)?,
    })
}

/// Calcule le bilan et le met en forme : PDF (avec les commentaires enregistrés) ou CSV.
/// La ligne de commande et la fenêtre passent toutes deux par ici.
pub fn fichier_bilan(
    conn: &Connection,
    periode: Periode,
    academie_id: Option<i64>,
    format_csv: bool,
) -> Resultat<(Bilan, Vec<u8>)> {
    if format_csv {
        let bilan = calculer(conn, periode, academie_id)?;
        let octets = rendre_bilan_csv(&bilan).into_bytes();
        Ok((bilan, octets))
    } else {
        let modele = modele_bilan(conn, periode, academie_id)?;
        let octets = rendre_pdf(&rendre_bilan(&modele))?;
        Ok((modele.bilan, octets))
    }
}

/// Le bilan à enregistrer, nommé « Bilan IPE 2007 - national.pdf » (ou .csv).
pub fn document_bilan(
    conn: &Connection,
    periode: Periode,
    academie_id: Option<i64>,
    format: &str,
) -> Resultat<Document> {
    let format_csv = match format {
        "pdf" => false,
        "csv" => true,
        autre => {
            return Err(Erreur::validation(
                "format",
                format!("Format inconnu : « {autre} » (pdf ou csv)."),
            ))
        }
    };
    let titre = |b: &Bilan| format!("Bilan IPE {} - {}", b.periode_libelle, b.perimetre_libelle);
    if format_csv {
        let (bilan, octets) = fichier_bilan(conn, periode, academie_id, true)?;
        return Ok(Document::nouveau(&titre(&bilan), Genre::Csv, octets));
    }
    let modele = modele_bilan(conn, periode, academie_id)?;
    Document::pdf(&titre(&modele.bilan), &rendre_bilan(&modele))
}

/// Ce que l'écran Bilans affiche : les chiffres et les mêmes libellés que le PDF.
#[derive(Debug, serde::Serialize)]
pub struct Apercu {
    pub bilan: Bilan,
    pub chiffres_cles: Vec<(String, String)>,
    pub activite: String,
    pub evolution: String,
    pub mois_activite: String,
    /// « Consolidation : 24 sources, reçues … », telle que le PDF l'imprime.
    pub ligne_couverture: Option<String>,
}

pub fn apercu(conn: &Connection, periode: Periode, academie_id: Option<i64>) -> Resultat<Apercu> {
    let bilan = calculer(conn, periode, academie_id)?;
    Ok(Apercu {
        chiffres_cles: chiffres_cles(&bilan),
        activite: phrase_activite(&bilan),
        evolution: phrase_evolution(&bilan),
        mois_activite: decimal1(bilan.mois_activite),
        ligne_couverture: couverture(conn, periode, academie_id)?
            .as_deref()
            .map(crate::consolidation::ligne_couverture),
        bilan,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        dates::lire(s).unwrap()
    }

    #[test]
    fn annee_pleine_a_temps_plein() {
        let p = Periode::Civile(2007).bornes();
        assert!((mois_d_activite(d("01/09/2005"), None, 100, p) - 12.0).abs() < 1e-9);
        assert!(
            (mois_d_activite(d("01/01/2007"), Some(d("31/12/2007")), 100, p) - 12.0).abs() < 1e-9
        );
    }

    #[test]
    fn mois_partiels_bornes_comprises() {
        let p = Periode::Civile(2007).bornes();
        // Janvier à mai complets, puis 24 jours de juin sur 30 : 5,8 mois.
        assert!(
            (mois_d_activite(d("01/01/2006"), Some(d("24/06/2007")), 100, p) - 5.8).abs() < 1e-9
        );
        // Un seul jour : 1/31 de janvier.
        assert!(
            (mois_d_activite(d("15/01/2007"), Some(d("15/01/2007")), 100, p) - 1.0 / 31.0).abs()
                < 1e-9
        );
        // Mission hors période.
        assert_eq!(
            mois_d_activite(d("01/01/2005"), Some(d("31/12/2006")), 100, p),
            0.0
        );
    }

    #[test]
    fn annee_bissextile_et_quotite() {
        let p = Periode::Civile(2024).bornes();
        // 15 jours de février 2024 (29 jours) à 80 %.
        let m = mois_d_activite(d("15/02/2024"), Some(d("29/02/2024")), 80, p);
        assert!((m - 15.0 / 29.0 * 0.8).abs() < 1e-9);
        let p23 = Periode::Civile(2023).bornes();
        let m = mois_d_activite(d("15/02/2023"), Some(d("28/02/2023")), 100, p23);
        assert!((m - 14.0 / 28.0).abs() < 1e-9);
        // Mi-temps sur l'année : 6 mois.
        assert!((mois_d_activite(d("01/01/2024"), None, 50, p) - 6.0).abs() < 1e-9);
    }

    #[test]
    fn annee_scolaire() {
        let p = Periode::Scolaire(2007);
        assert_eq!(p.libelle(), "2007-2008");
        assert_eq!(p.bornes(), (d("01/09/2007"), d("31/08/2008")));
        assert_eq!(p.precedente(), Periode::Scolaire(2006));
        // Mission ouverte commencée le 1er janvier 2008 : 8 mois de l'année scolaire.
        assert!((mois_d_activite(d("01/01/2008"), None, 100, p.bornes()) - 8.0).abs() < 1e-9);
    }
}
