//! Bilan annuel des CET, par année scolaire (1er septembre – 31 août) :
//! - CET en fonction : un mandat couvre au moins un jour de l'année, comptés par CPC et secteur ;
//! - nominations : mandats qui commencent dans l'année (renouvellement si le CET avait déjà un
//!   mandat avant) ; fins de mandat : mandats les plus récents qui finissent dans l'année ;
//! - animations tenues : datées dans l'année et au plus tard le jour de l'édition ;
//! - jurys : participations datées dans l'année, par diplôme.

use super::animations;
use crate::rapport::{rendre_pdf, Bloc, Colonne, Couverture, Rapport};
use crate::vocabulaire::Code;
use crate::{dates, texte, Erreur, Resultat};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct LigneAnimation {
    pub date: NaiveDate,
    pub type_: String,
    pub theme: String,
    pub invites: i64,
    pub presents: i64,
}

#[derive(Debug, Serialize)]
pub struct BilanCet {
    pub annee_scolaire: String,
    pub perimetre: String,
    /// (CPC, secteur, nombre de CET en fonction)
    pub par_secteur: Vec<(String, String, i64)>,
    pub en_fonction: i64,
    pub nominations: i64,
    pub renouvellements: i64,
    pub fins_de_mandat: i64,
    pub animations: Vec<LigneAnimation>,
    /// (diplôme, participations)
    pub jurys: Vec<(String, i64)>,
}

pub fn calculer(
    conn: &Connection,
    annee: i32,
    academie_id: Option<i64>,
    aujourdhui: NaiveDate,
) -> Resultat<BilanCet> {
    let (debut, fin) = dates::Periode::Scolaire(annee).bornes();
    let (d, f) = (dates::iso(debut), dates::iso(fin));
    let perimetre = match academie_id {
        Some(a) => format!(
            "Académie de {}",
            conn.query_row("SELECT nom FROM academie WHERE id = ?1", [a], |r| r
                .get::<_, String>(0))
                .map_err(|_| Erreur::Introuvable(format!("L'académie n° {a} n'existe pas.")))?
        ),
        None => "Toutes les académies".into(),
    };
    let par_secteur: Vec<(String, String, i64)> = conn
        .prepare(
            "SELECT coalesce(c.nom, 'CPC non renseignée'), CASE WHEN x.secteur = '' THEN 'Secteur non renseigné' ELSE x.secteur END, count(*)
             FROM cet x LEFT JOIN cpc c ON c.id = x.cpc_id
             WHERE (?3 IS NULL OR x.academie_id = ?3)
               AND EXISTS (SELECT 1 FROM mandat_cet m WHERE m.cet_id = x.id AND m.debut <= ?2 AND m.fin >= ?1)
             GROUP BY 1, 2 ORDER BY normaliser(coalesce(c.nom, '~')), normaliser(x.secteur)",
        )?
        .query_map(rusqlite::params![d, f, academie_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let compter = |sql: &str| -> Resultat<i64> {
        Ok(conn.query_row(sql, rusqlite::params![d, f, academie_id], |r| r.get(0))?)
    };
    let dans = "(?3 IS NULL OR x.academie_id = ?3)";
    let nominations = compter(&format!("SELECT count(*) FROM mandat_cet m JOIN cet x ON x.id = m.cet_id WHERE m.debut BETWEEN ?1 AND ?2 AND {dans}"))?;
    let renouvellements = compter(&format!(
        "SELECT count(*) FROM mandat_cet m JOIN cet x ON x.id = m.cet_id WHERE m.debut BETWEEN ?1 AND ?2 AND {dans}
           AND EXISTS (SELECT 1 FROM mandat_cet p WHERE p.cet_id = m.cet_id AND p.debut < m.debut)"
    ))?;
    let fins_de_mandat = compter(&format!(
        "SELECT count(*) FROM mandat_cet m JOIN cet x ON x.id = m.cet_id WHERE m.fin BETWEEN ?1 AND ?2 AND {dans}
           AND NOT EXISTS (SELECT 1 FROM mandat_cet s WHERE s.cet_id = m.cet_id AND s.debut > m.debut)"
    ))?;
    let en_fonction = par_secteur.iter().map(|l| l.2).sum();
    let animations = animations::lister(conn, academie_id, Some(annee))?
        .into_iter()
        .filter(|a| a.reunion.date <= aujourdhui)
        .rev()
        .map(|a| LigneAnimation {
            date: a.reunion.date,
            type_: a.reunion.type_.libelle().into(),
            theme: a.theme,
            invites: a.invites,
            presents: a.presents,
        })
        .collect();
    let jurys = conn
        .prepare(&format!(
            "SELECT j.diplome, count(*) FROM cet_jury j JOIN cet x ON x.id = j.cet_id WHERE j.date BETWEEN ?1 AND ?2 AND {dans}
             GROUP BY normaliser(j.diplome) ORDER BY 2 DESC, normaliser(j.diplome)"
        ))?
        .query_map(rusqlite::params![d, f, academie_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(BilanCet {
        annee_scolaire: dates::Periode::Scolaire(annee).libelle(),
        perimetre,
        par_secteur,
        en_fonction,
        nominations,
        renouvellements,
        fins_de_mandat,
        animations,
        jurys,
    })
}

pub fn rapport(b: &BilanCet) -> Rapport {
    let n = texte::nombre;
    let mut blocs = vec![Bloc::Titre1("1 – Les CET en fonction".into())];
    blocs.push(Bloc::Paragraphe(format!(
        "{} conseiller(s) entreprise pour l'École en fonction pendant l'année {}.",
        n(b.en_fonction),
        b.annee_scolaire
    )));
    if !b.par_secteur.is_empty() {
        let mut lignes: Vec<Vec<String>> = b
            .par_secteur
            .iter()
            .map(|(c, s, k)| vec![c.clone(), s.clone(), n(*k)])
            .collect();
        lignes.push(vec!["Total".into(), String::new(), n(b.en_fonction)]);
        blocs.push(Bloc::Tableau {
            colonnes: vec![
                Colonne::texte("CPC", 3.4),
                Colonne::texte("Secteur", 3.0),
                Colonne::nombre("CET", 1.0),
            ],
            lignes,
            gras_derniere_ligne: true,
        });
    }
    blocs.push(Bloc::Titre1("2 – Nominations et fins de mandat".into()));
    blocs.push(Bloc::tableau(
        vec![
            Colonne::texte("Mouvement", 4.0),
            Colonne::nombre("Nombre", 1.2),
        ],
        vec![
            vec!["Mandats commencés dans l'année".into(), n(b.nominations)],
            vec!["dont renouvellements".into(), n(b.renouvellements)],
            vec![
                "Mandats terminés dans l'année (sans renouvellement)".into(),
                n(b.fins_de_mandat),
            ],
        ],
    ));
    blocs.push(Bloc::Titre1("3 – Animations du réseau".into()));
    let (invites, presents): (i64, i64) = b
        .animations
        .iter()
        .fold((0, 0), |(i, p), a| (i + a.invites, p + a.presents));
    blocs.push(Bloc::Paragraphe(format!(
        "{} animation(s) tenue(s), {} invitation(s), {} présence(s){}.",
        n(b.animations.len() as i64),
        n(invites),
        n(presents),
        if invites > 0 {
            format!(
                " ({} % des invités)",
                (presents as f64 * 100.0 / invites as f64).round() as i64
            )
        } else {
            String::new()
        }
    )));
    if !b.animations.is_empty() {
        blocs.push(Bloc::tableau(
            vec![
                Colonne::texte("Date", 1.3),
                Colonne::texte("Animation", 2.3),
                Colonne::texte("Thème", 3.0),
                Colonne::nombre("Invités", 1.0),
                Colonne::nombre("Présents", 1.0),
            ],
            b.animations
                .iter()
                .map(|a| {
                    vec![
                        dates::francaise(a.date),
                        a.type_.clone(),
                        a.theme.clone(),
                        n(a.invites),
                        n(a.presents),
                    ]
                })
                .collect(),
        ));
    }
    blocs.push(Bloc::Titre1(
        "4 – Participations aux jurys d'examens".into(),
    ));
    blocs.push(if b.jurys.is_empty() {
        Bloc::Paragraphe("Aucune participation enregistrée.".into())
    } else {
        let total = b.jurys.iter().map(|j| j.1).sum();
        let mut lignes: Vec<Vec<String>> = b
            .jurys
            .iter()
            .map(|(d, k)| vec![d.clone(), n(*k)])
            .collect();
        lignes.push(vec!["Total".into(), n(total)]);
        Bloc::Tableau {
            colonnes: vec![
                Colonne::texte("Diplôme", 4.0),
                Colonne::nombre("Participations", 1.4),
            ],
            lignes,
            gras_derniere_ligne: true,
        }
    });
    Rapport {
        titre: format!("Bilan des CET {} – {}", b.annee_scolaire, b.perimetre),
        entete: format!(
            "Passerelle – bilan des conseillers entreprise pour l'École {}",
            b.annee_scolaire
        ),
        couverture: Some(Couverture {
            titre: "Bilan des conseillers entreprise pour l'École".into(),
            sous_titre: Some(b.perimetre.clone()),
            lignes: vec![
                format!("Année scolaire {}", b.annee_scolaire),
                crate::bilans::date_d_edition(),
            ],
        }),
        blocs,
    }
}

pub fn pdf(conn: &Connection, annee: i32, academie_id: Option<i64>) -> Resultat<Vec<u8>> {
    rendre_pdf(&rapport(&calculer(
        conn,
        annee,
        academie_id,
        chrono::Local::now().date_naive(),
    )?))
}

/// Écrit le bilan dans `dossier` (« bilan-cet-2025-2026.pdf ») ; rend le chemin.
pub fn exporter(
    conn: &Connection,
    annee_scolaire: &str,
    academie_id: Option<i64>,
    dossier: &std::path::Path,
) -> Resultat<std::path::PathBuf> {
    let annee = dates::lire_annee_scolaire(annee_scolaire)
        .map_err(|m| Erreur::validation("annee_scolaire", m))?;
    crate::bilans::ecrire(
        dossier,
        &format!(
            "bilan-cet-{}.pdf",
            dates::Periode::Scolaire(annee).libelle()
        ),
        &pdf(conn, annee, academie_id)?,
    )
}
