//! Le bilan annuel des IPE, sur le modèle du bilan 2007 : couverture, bilan quantitatif,
//! bilan qualitatif (IPE et mois d'activité, actions et évolution, un chapitre par thème avec
//! ses chiffres et le commentaire du délégué, histogramme), conclusion, définitions ; et le
//! même bilan en CSV. Mise en page seulement : rien ici ne lit la base.

use super::{Bilan, ModeleBilan};
use crate::consolidation::ligne_couverture;
use crate::ipe::actions::Effectifs;
use crate::rapport::{edite_le, Alignement, Bloc, Colonne, Couverture, Rapport};
use crate::texte::{decimal1, nombre};
use std::collections::BTreeMap;

/// Les définitions du bilan, imprimées en note et reprises dans le README.
pub const DEFINITIONS: &[&str] = &[
    "Actions de l'année : actions datées dans l'année civile (ou, pour un bilan par année scolaire, du 1er septembre au 31 août).",
    "Chiffres quantitatifs : sommes sur ces actions ; jeunes = filles + garçons ; enseignants et personnels = femmes + hommes.",
    "Mois d'activité : pour chaque IPE et chaque mois de la période, part des jours du mois couverts par sa mission (bornes comprises) multipliée par sa quotité ; IPE en équivalent temps plein = mois d'activité / 12, arrondi à l'entier le plus proche.",
    "Académies : académies distinctes des IPE en mission pendant la période.",
    "Évolution : (actions de l'année − actions de l'année précédente) / actions de l'année précédente, en pourcentage entier, donnée seulement si l'année précédente a des actions.",
];

/// Chiffres clés du bilan quantitatif (libellé, valeur), dans l'ordre du bilan 2007.
pub fn chiffres_cles(b: &Bilan) -> Vec<(String, String)> {
    let e = &b.effectifs;
    vec![
        (
            "Nombre d'ingénieurs pour l'école (équivalent temps plein)".into(),
            nombre(b.ipe_etp),
        ),
        ("Nombre d'actions mises en œuvre".into(), nombre(b.actions)),
        (
            "Nombre d'établissements scolaires".into(),
            nombre(e.etablissements),
        ),
        (
            "Nombre de jeunes bénéficiant des actions".into(),
            nombre(b.jeunes),
        ),
        (
            "\u{a0}\u{a0}\u{a0}\u{a0}dont filles".into(),
            nombre(e.jeunes_filles),
        ),
        (
            "\u{a0}\u{a0}\u{a0}\u{a0}dont garçons".into(),
            nombre(e.jeunes_garcons),
        ),
        (
            "Nombre d'enseignants et de personnels d'encadrement".into(),
            nombre(b.enseignants),
        ),
        (
            "\u{a0}\u{a0}\u{a0}\u{a0}dont femmes".into(),
            nombre(e.enseignants_femmes),
        ),
        (
            "\u{a0}\u{a0}\u{a0}\u{a0}dont hommes".into(),
            nombre(e.enseignants_hommes),
        ),
        ("Nombre d'entreprises".into(), nombre(e.entreprises)),
        (
            "Nombre d'organisations professionnelles (CCI, chambres de métiers, branches)".into(),
            nombre(e.organisations_professionnelles),
        ),
    ]
}

/// Phrase d'évolution : « +16 % par rapport à 2006 (1 731 actions). »
pub fn phrase_evolution(b: &Bilan) -> String {
    let precedente = b.periode.precedente().libelle();
    match b.evolution {
        Some(ev) => format!(
            "Évolution : {}{ev} % par rapport à {precedente} ({} actions).",
            if ev > 0 { "+" } else { "" },
            nombre(b.actions_precedentes)
        ),
        None => format!("Évolution : non calculée, aucune action enregistrée en {precedente}."),
    }
}

/// Une ligne du tableau par thème (ou sa ligne de total).
fn ligne_du_tableau(libelle: &str, actions: i64, academies: i64, e: &Effectifs) -> Vec<String> {
    let nombres = [
        actions,
        academies,
        e.etablissements,
        e.jeunes(),
        e.enseignants(),
        e.entreprises,
        e.organisations_professionnelles,
    ];
    std::iter::once(libelle.to_string())
        .chain(nombres.into_iter().map(nombre))
        .collect()
}

/// « En 2007, 53 IPE en équivalent temps plein, soit 639,8 mois d'activité, dans 24 académies. »
pub fn phrase_activite(b: &Bilan) -> String {
    format!(
        "En {}, {} IPE en équivalent temps plein, soit {} mois d'activité, dans {} académie{}.",
        b.periode_libelle,
        nombre(b.ipe_etp),
        decimal1(b.mois_activite),
        nombre(b.academies),
        if b.academies > 1 { "s" } else { "" }
    )
}

fn titre(b: &Bilan) -> String {
    format!(
        "Bilan {} du dispositif « Ingénieurs pour l'école »",
        b.periode_libelle
    )
}

/// Le bilan en PDF : couverture, I – quantitatif, II – qualitatif, conclusion, définitions.
pub fn rendre_bilan(m: &ModeleBilan) -> Rapport {
    let b = &m.bilan;
    let mut blocs = bilan_quantitatif(b);
    blocs.extend(ipe_et_actions(b));
    blocs.extend(tableau_par_theme(b));
    blocs.extend(chapitres_par_theme(b, &m.commentaires));
    blocs.extend(conclusion(&m.commentaires));
    blocs.extend(definitions());
    Rapport {
        titre: titre(b),
        entete: format!("Passerelle – {} – {}", titre(b), b.perimetre_libelle),
        couverture: Some(Couverture {
            titre: titre(b),
            sous_titre: Some("Ingénieurs pour l'école (IPE)".into()),
            lignes: [
                format!("Année {}", b.periode_libelle),
                format!("Périmètre : {}", b.perimetre_libelle),
            ]
            .into_iter()
            .chain(m.couverture.as_deref().map(ligne_couverture))
            .chain([edite_le(m.edite_le)])
            .collect(),
        }),
        blocs,
    }
}

/// I – Bilan quantitatif : le tableau des chiffres clés.
fn bilan_quantitatif(b: &Bilan) -> Vec<Bloc> {
    vec![
        Bloc::Titre1("I – Bilan quantitatif".into()),
        Bloc::Tableau {
            colonnes: vec![
                Colonne {
                    titre: "Indicateur".into(),
                    largeur: 5.0,
                    alignement: Alignement::Gauche,
                },
                Colonne {
                    titre: b.periode_libelle.clone(),
                    largeur: 1.4,
                    alignement: Alignement::Droite,
                },
            ],
            lignes: chiffres_cles(b)
                .into_iter()
                .map(|(l, v)| vec![l, v])
                .collect(),
            gras_derniere_ligne: false,
        },
    ]
}

/// II – Bilan qualitatif, A et B : l'activité des IPE, les actions et leur histogramme.
fn ipe_et_actions(b: &Bilan) -> Vec<Bloc> {
    vec![
        Bloc::Titre1("II – Bilan qualitatif".into()),
        Bloc::Titre2("A – Les ingénieurs pour l'école".into()),
        Bloc::Paragraphe(phrase_activite(b)),
        Bloc::Titre2("B – Les actions".into()),
        Bloc::Paragraphe(format!(
            "{} actions mises en œuvre. {}",
            nombre(b.actions),
            phrase_evolution(b)
        )),
        Bloc::Histogramme {
            titre: "Nombre d'actions par thème".into(),
            barres: b
                .themes
                .iter()
                .map(|t| (t.libelle.clone(), t.actions as f64))
                .collect(),
        },
    ]
}

/// 1 – Les actions par thème : une ligne par thème et le total.
fn tableau_par_theme(b: &Bilan) -> Vec<Bloc> {
    let mut colonnes = vec![Colonne {
        titre: "Thème".into(),
        largeur: 3.0,
        alignement: Alignement::Gauche,
    }];
    colonnes.extend(
        [
            "Actions",
            "Acad.",
            "Établ.",
            "Jeunes",
            "Enseign.",
            "Entrep.",
            "Org. pro.",
        ]
        .map(|t| Colonne {
            titre: t.into(),
            largeur: 1.3,
            alignement: Alignement::Droite,
        }),
    );
    vec![
        Bloc::Titre2("1 – Les actions par thème".into()),
        Bloc::Tableau {
            colonnes,
            lignes: b
                .themes
                .iter()
                .map(|t| ligne_du_tableau(&t.libelle, t.actions, t.academies, &t.effectifs))
                .chain(std::iter::once(ligne_du_tableau(
                    "Total",
                    b.actions,
                    b.academies,
                    &b.effectifs,
                )))
                .collect(),
            gras_derniere_ligne: true,
        },
    ]
}

/// Les paragraphes d'un commentaire, séparés par une ligne vide.
fn paragraphes(texte: &str) -> impl Iterator<Item = Bloc> + '_ {
    texte
        .split("\n\n")
        .map(|p| Bloc::Paragraphe(p.trim().to_string()))
}

/// 1.x – Un chapitre par thème qui a des actions ou un commentaire.
fn chapitres_par_theme(b: &Bilan, commentaires: &BTreeMap<String, String>) -> Vec<Bloc> {
    let mut blocs = Vec::new();
    for (i, t) in b
        .themes
        .iter()
        .enumerate()
        .filter(|(_, t)| t.actions > 0 || commentaires.contains_key(&t.code))
    {
        blocs.push(Bloc::Titre3(format!("1.{} – {}", i + 1, t.libelle)));
        blocs.push(Bloc::Paragraphe(format!(
            "{} action{} dans {} académie{} : {} établissements, {} jeunes ({} filles, {} garçons), {} enseignants et personnels, {} entreprises, {} organisations professionnelles.",
            nombre(t.actions),
            if t.actions > 1 { "s" } else { "" },
            nombre(t.academies),
            if t.academies > 1 { "s" } else { "" },
            nombre(t.effectifs.etablissements),
            nombre(t.jeunes),
            nombre(t.effectifs.jeunes_filles),
            nombre(t.effectifs.jeunes_garcons),
            nombre(t.enseignants),
            nombre(t.effectifs.entreprises),
            nombre(t.effectifs.organisations_professionnelles),
        )));
        if let Some(texte) = commentaires.get(&t.code) {
            blocs.extend(paragraphes(texte));
        }
    }
    blocs
}

/// Conclusion : celle du délégué, ou une note qui invite à la rédiger.
fn conclusion(commentaires: &BTreeMap<String, String>) -> Vec<Bloc> {
    let mut blocs = vec![Bloc::Titre1("Conclusion".into())];
    match commentaires.get("conclusion") {
        Some(texte) => blocs.extend(paragraphes(texte)),
        None => blocs.push(Bloc::Note(
            "Conclusion à rédiger dans Passerelle (écran Bilans).".into(),
        )),
    }
    blocs
}

/// Définitions : abréviations du tableau et définitions des chiffres.
fn definitions() -> Vec<Bloc> {
    let mut blocs = vec![Bloc::Titre2("Définitions".into())];
    blocs.push(Bloc::Note("Abréviations du tableau par thème : Acad. = académies distinctes ; Établ. = établissements ; Enseign. = enseignants et personnels d'encadrement ; Entrep. = entreprises ; Org. pro. = organisations professionnelles.".into()));
    blocs.extend(DEFINITIONS.iter().map(|d| Bloc::Note((*d).to_string())));
    blocs
}

/// Le bilan en CSV (« ; », UTF-8 avec BOM pour Excel) : chiffres clés puis tableau par thème.
pub fn rendre_bilan_csv(b: &Bilan) -> String {
    let espace = |s: String| s.replace(crate::texte::SEPARATEUR_MILLIERS, "");
    let mut lignes = vec![vec![
        format!("{} – {}", titre(b), b.perimetre_libelle),
        String::new(),
    ]];
    lignes.push(vec!["indicateur".into(), "valeur".into()]);
    for (l, v) in chiffres_cles(b) {
        lignes.push(vec![l.trim().to_string(), espace(v)]);
    }
    lignes.push(vec![
        "Mois d'activité".into(),
        decimal1(b.mois_activite).replace(crate::texte::SEPARATEUR_MILLIERS, ""),
    ]);
    lignes.push(vec!["Académies".into(), b.academies.to_string()]);
    lignes.push(vec![
        "Évolution (%)".into(),
        b.evolution.map(|e| e.to_string()).unwrap_or_default(),
    ]);
    lignes.push(Vec::new());
    let entete = [
        "theme",
        "libelle",
        "actions",
        "academies",
        "etablissements",
        "jeunes_filles",
        "jeunes_garcons",
        "jeunes",
        "enseignants_femmes",
        "enseignants_hommes",
        "enseignants",
        "entreprises",
        "organisations_professionnelles",
    ];
    lignes.push(entete.map(String::from).to_vec());
    for t in &b.themes {
        let e = &t.effectifs;
        lignes.push(vec![
            t.code.clone(),
            t.libelle.clone(),
            t.actions.to_string(),
            t.academies.to_string(),
            e.etablissements.to_string(),
            e.jeunes_filles.to_string(),
            e.jeunes_garcons.to_string(),
            t.jeunes.to_string(),
            e.enseignants_femmes.to_string(),
            e.enseignants_hommes.to_string(),
            t.enseignants.to_string(),
            e.entreprises.to_string(),
            e.organisations_professionnelles.to_string(),
        ]);
    }
    crate::csv::ecrire(&lignes)
}
