//! L'évolution sur plusieurs années : pour chaque année (civile ou scolaire) les chiffres du
//! bilan annuel (mêmes définitions, calculées par `calculer`), la variation d'une année sur
//! l'autre, les actions par thème et par académie. Le modèle lit la base ; `rendre_evolution`
//! met en page sans la lire (tableaux et histogramme vectoriel).

use super::{calculer, Periode};
use crate::dates::GenrePeriode;
use crate::rapport::{Alignement, Bloc, Colonne, Couverture, Document, Rapport};
use crate::texte::nombre;
use crate::{Erreur, Resultat};
use rusqlite::Connection;
use serde::Serialize;

/// Au plus 15 années côte à côte : au-delà, un tableau imprimé ne se lit plus.
pub const ANNEES_MAX: i32 = 15;

#[derive(Debug, Clone, Serialize)]
pub struct Annee {
    /// « 2007 » ou « 2007-2008 ».
    pub libelle: String,
    pub actions: i64,
    pub jeunes: i64,
    pub enseignants: i64,
    /// Variation des actions sur l'année précédente, en % entier (comme le bilan annuel).
    pub evolution: Option<i64>,
    /// Dans une base de consolidation : les sources reçues pour cette année.
    pub couverture: Option<String>,
}

/// Une ligne par thème ou par académie : les actions de chaque année (les jeunes, eux, sont
/// comptés par le bilan annuel de chaque année).
#[derive(Debug, Clone, Serialize)]
pub struct Serie {
    pub libelle: String,
    pub actions: Vec<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Evolution {
    pub perimetre_libelle: String,
    pub genre: GenrePeriode,
    pub annees: Vec<Annee>,
    pub themes: Vec<Serie>,
    pub academies: Vec<Serie>,
    /// « Consolidation — 2006 : 1 source, reçue le … ; 2007 : … » : les sources de chaque année.
    pub ligne_couverture: Option<String>,
}

/// Les deux années saisies dans la fenêtre (« 2005 », « 2007 »), contrôlées champ par champ.
pub fn lire_annees(debut: &str, fin: &str) -> Resultat<(i32, i32)> {
    let mut c = crate::Controle::default();
    let d = c.champ("debut", crate::dates::lire_annee(debut));
    let f = c.champ("fin", crate::dates::lire_annee(fin));
    c.fin_avec(d.zip(f))
}

fn periode(genre: GenrePeriode, annee: i32) -> Periode {
    match genre {
        GenrePeriode::Civile => Periode::Civile(annee),
        GenrePeriode::Scolaire => Periode::Scolaire(annee),
    }
}

/// Les années `debut` à `fin` (incluses), national ou pour une académie.
pub fn modele_evolution(
    conn: &Connection,
    genre: GenrePeriode,
    debut: i32,
    fin: i32,
    academie_id: Option<i64>,
) -> Resultat<Evolution> {
    if fin < debut || fin - debut >= ANNEES_MAX {
        return Err(Erreur::validation(
            "fin",
            format!("Choisissez de 1 à {ANNEES_MAX} années, la dernière après la première."),
        ));
    }
    let mut e = Evolution {
        perimetre_libelle: String::new(),
        genre,
        annees: Vec::new(),
        themes: Vec::new(),
        academies: Vec::new(),
        ligne_couverture: None,
    };
    for annee in debut..=fin {
        let p = periode(genre, annee);
        let b = calculer(conn, p, academie_id)?;
        e.perimetre_libelle = b.perimetre_libelle.clone();
        e.annees.push(Annee {
            libelle: b.periode_libelle.clone(),
            actions: b.actions,
            jeunes: b.jeunes,
            enseignants: b.enseignants,
            evolution: b.evolution,
            couverture: super::couverture(conn, p, academie_id)?,
        });
        for (i, t) in b.themes.iter().enumerate() {
            if e.themes.len() <= i {
                e.themes.push(Serie {
                    libelle: t.libelle.clone(),
                    actions: Vec::new(),
                });
            }
            e.themes[i].actions.push(t.actions);
        }
    }
    if academie_id.is_none() {
        e.academies = par_academie(conn, genre, debut, fin)?;
    }
    e.ligne_couverture = crate::consolidation::ligne_couvertures(
        e.annees
            .iter()
            .filter_map(|a| Some((a.libelle.as_str(), a.couverture.as_deref()?))),
    );
    Ok(e)
}

/// Actions par académie et par année (actions de niveau national à part).
fn par_academie(
    conn: &Connection,
    genre: GenrePeriode,
    debut: i32,
    fin: i32,
) -> Resultat<Vec<Serie>> {
    let n = (fin - debut + 1) as usize;
    let mut series: Vec<(i64, Serie)> = conn
        .prepare("SELECT id, nom FROM academie ORDER BY nom")?
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                Serie {
                    libelle: r.get(1)?,
                    actions: vec![0; n],
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    series.push((
        0,
        Serie {
            libelle: "Niveau national".into(),
            actions: vec![0; n],
        },
    ));
    let mut st = conn.prepare(
        "SELECT coalesce(academie_id, 0), count(*) FROM action_ipe WHERE date BETWEEN ?1 AND ?2
         GROUP BY 1",
    )?;
    for (i, annee) in (debut..=fin).enumerate() {
        let (d, f) = periode(genre, annee).bornes();
        let lignes = st.query_map([crate::dates::iso(d), crate::dates::iso(f)], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?;
        for l in lignes {
            let (academie, actions) = l?;
            if let Some((_, s)) = series.iter_mut().find(|(id, _)| *id == academie) {
                s.actions[i] = actions;
            }
        }
    }
    Ok(series
        .into_iter()
        .map(|(_, s)| s)
        .filter(|s| s.actions.iter().any(|a| *a > 0))
        .collect())
}

fn variation(e: Option<i64>) -> String {
    match e {
        Some(v) if v > 0 => format!("+{v} %"),
        Some(v) => format!("{v} %"),
        None => "–".into(),
    }
}

fn colonnes(premiere: &str, annees: &[Annee]) -> Vec<Colonne> {
    let mut c = vec![Colonne {
        titre: premiere.into(),
        largeur: 4.0,
        alignement: Alignement::Gauche,
    }];
    c.extend(annees.iter().map(|a| Colonne {
        titre: a.libelle.clone(),
        largeur: 1.3,
        alignement: Alignement::Droite,
    }));
    c
}

fn tableau_series(premiere: &str, annees: &[Annee], series: &[Serie]) -> Bloc {
    Bloc::Tableau {
        colonnes: colonnes(premiere, annees),
        lignes: series
            .iter()
            .map(|s| {
                std::iter::once(s.libelle.clone())
                    .chain(s.actions.iter().map(|a| nombre(*a)))
                    .collect()
            })
            .collect(),
        gras_derniere_ligne: false,
    }
}

/// Le PDF : chiffres par année avec leur variation, histogramme des actions, puis les actions
/// par thème et par académie.
pub fn rendre_evolution(e: &Evolution, edite_le: chrono::NaiveDate) -> Rapport {
    let (premiere, derniere) = (
        e.annees
            .first()
            .map(|a| a.libelle.clone())
            .unwrap_or_default(),
        e.annees
            .last()
            .map(|a| a.libelle.clone())
            .unwrap_or_default(),
    );
    let titre = format!("Évolution des actions des IPE, {premiere} à {derniere}");
    let ligne = |libelle: &str, f: &dyn Fn(&Annee) -> String| -> Vec<String> {
        std::iter::once(libelle.to_string())
            .chain(e.annees.iter().map(f))
            .collect()
    };
    let mut blocs = vec![
        Bloc::Titre1("Chiffres par année".into()),
        Bloc::Tableau {
            colonnes: colonnes("Indicateur", &e.annees),
            lignes: vec![
                ligne("Actions", &|a| nombre(a.actions)),
                ligne("Évolution des actions", &|a| variation(a.evolution)),
                ligne("Jeunes concernés", &|a| nombre(a.jeunes)),
                ligne("Enseignants et personnels", &|a| nombre(a.enseignants)),
            ],
            gras_derniere_ligne: false,
        },
        Bloc::Histogramme {
            titre: "Actions par année".into(),
            barres: e
                .annees
                .iter()
                .map(|a| (a.libelle.clone(), a.actions as f64))
                .collect(),
        },
        Bloc::Titre1("Actions par thème".into()),
        tableau_series("Thème", &e.annees, &e.themes),
    ];
    if !e.academies.is_empty() {
        blocs.push(Bloc::Titre1("Actions par académie".into()));
        blocs.push(tableau_series("Académie", &e.annees, &e.academies));
    }
    if let Some(ligne) = &e.ligne_couverture {
        blocs.push(Bloc::Note(format!("{ligne}.")));
    }
    blocs.push(Bloc::Note(
        "Mêmes définitions que le bilan annuel : actions datées dans l'année ; jeunes = filles + garçons ; évolution = (actions N − actions N−1) / actions N−1.".into(),
    ));
    Rapport {
        titre: titre.clone(),
        entete: format!("Passerelle – {titre} – {}", e.perimetre_libelle),
        couverture: Some(Couverture {
            titre,
            sous_titre: Some("Ingénieurs pour l'école (IPE)".into()),
            lignes: vec![
                format!("Périmètre : {}", e.perimetre_libelle),
                format!("Édité le {}", crate::dates::francaise(edite_le)),
            ],
        }),
        blocs,
    }
}

/// « Évolution IPE 2005 à 2007 - national.pdf ».
pub fn document_evolution(
    conn: &Connection,
    genre: GenrePeriode,
    debut: i32,
    fin: i32,
    academie_id: Option<i64>,
) -> Resultat<Document> {
    let e = modele_evolution(conn, genre, debut, fin, academie_id)?;
    let titre = format!(
        "Évolution IPE {} à {} - {}",
        e.annees
            .first()
            .map(|a| a.libelle.as_str())
            .unwrap_or_default(),
        e.annees
            .last()
            .map(|a| a.libelle.as_str())
            .unwrap_or_default(),
        e.perimetre_libelle
    );
    Document::pdf(&titre, &rendre_evolution(&e, crate::rapport::aujourdhui()))
}
