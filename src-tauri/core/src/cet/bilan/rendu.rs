//! Mise en page du bilan des CET : couverture, CET en fonction, nominations et fins de mandat,
//! animations du réseau, jurys. Rien ici ne lit la base.

use super::BilanCet;
use crate::rapport::{Bloc, Colonne, Couverture, Rapport};
use crate::{dates, texte};

/// Le bilan en PDF, une section par fonction.
pub fn rendre_bilan(b: &BilanCet) -> Rapport {
    let mut blocs = en_fonction(b);
    blocs.extend(mouvements(b));
    blocs.extend(animations(b));
    blocs.extend(jurys(b));
    Rapport {
        titre: format!("Bilan des CET {} – {}", b.annee_scolaire, b.perimetre),
        entete: format!(
            "Passerelle – bilan des conseillers entreprise pour l'École {}",
            b.annee_scolaire
        ),
        couverture: Some(Couverture::bilan_annuel(
            "Bilan des conseillers entreprise pour l'École",
            &b.perimetre,
            &b.annee_scolaire,
            b.sources
                .as_deref()
                .map(crate::consolidation::ligne_couverture),
            b.edite_le,
        )),
        blocs,
    }
}

/// 1 – Les CET en fonction, par CPC et secteur.
fn en_fonction(b: &BilanCet) -> Vec<Bloc> {
    let n = texte::nombre;
    let mut blocs = vec![
        Bloc::Titre1("1 – Les CET en fonction".into()),
        Bloc::Paragraphe(format!(
            "{} conseiller(s) entreprise pour l'École en fonction pendant l'année {}.",
            n(b.en_fonction),
            b.annee_scolaire
        )),
    ];
    if !b.par_secteur.is_empty() {
        let mut lignes: Vec<Vec<String>> = b
            .par_secteur
            .iter()
            .map(|(c, s, k)| vec![c.clone(), s.clone(), n(*k)])
            .collect();
        lignes.push(vec!["Total".into(), String::new(), n(b.en_fonction)]);
        blocs.push(Bloc::tableau_avec_total(
            vec![
                Colonne::texte("CPC", 3.4),
                Colonne::texte("Secteur", 3.0),
                Colonne::nombre("CET", 1.0),
            ],
            lignes,
        ));
    }
    blocs
}

/// 2 – Nominations, renouvellements et fins de mandat.
fn mouvements(b: &BilanCet) -> Vec<Bloc> {
    let n = texte::nombre;
    vec![
        Bloc::Titre1("2 – Nominations et fins de mandat".into()),
        Bloc::tableau(
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
        ),
    ]
}

/// 3 – Animations du réseau : totaux, taux de présence des invités, tableau.
fn animations(b: &BilanCet) -> Vec<Bloc> {
    let n = texte::nombre;
    let (invites, presents): (i64, i64) = b.animations.iter().fold((0, 0), |(i, p), a| {
        (i.saturating_add(a.invites), p.saturating_add(a.presents))
    });
    let mut blocs = vec![
        Bloc::Titre1("3 – Animations du réseau".into()),
        Bloc::Paragraphe(format!(
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
        )),
    ];
    blocs.extend(Bloc::tableau_non_vide(
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
    blocs
}

/// 4 – Participations aux jurys d'examens, par diplôme, avec le total.
fn jurys(b: &BilanCet) -> Vec<Bloc> {
    let n = texte::nombre;
    vec![
        Bloc::Titre1("4 – Participations aux jurys d'examens".into()),
        if b.jurys.is_empty() {
            Bloc::Paragraphe("Aucune participation enregistrée.".into())
        } else {
            let total = b.jurys.iter().fold(0, |t: i64, j| t.saturating_add(j.1));
            let mut lignes: Vec<Vec<String>> = b
                .jurys
                .iter()
                .map(|(d, k)| vec![d.clone(), n(*k)])
                .collect();
            lignes.push(vec!["Total".into(), n(total)]);
            Bloc::tableau_avec_total(
                vec![
                    Colonne::texte("Diplôme", 4.0),
                    Colonne::nombre("Participations", 1.4),
                ],
                lignes,
            )
        },
    ]
}
