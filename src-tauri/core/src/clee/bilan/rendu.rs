//! Mise en page du bilan des CLEE : couverture, comités, réunions tenues, assiduité par collège,
//! actions, partenaires, actions de suivi ouvertes. Rien ici ne lit la base.

use super::BilanClee;
use crate::rapport::{pourcent, Bloc, Colonne, Couverture, Rapport};
use crate::{dates, texte};

/// Le bilan en PDF, une section par fonction.
pub fn rendre_bilan(b: &BilanClee) -> Rapport {
    let mut blocs = comites(b);
    blocs.extend(reunions_tenues(b));
    blocs.extend(assiduite(b));
    blocs.extend(actions(b));
    blocs.extend(partenaires(b));
    blocs.extend(ouvertes(b));
    Rapport {
        titre: format!("Bilan des CLEE {} – {}", b.annee_scolaire, b.perimetre),
        entete: format!(
            "Passerelle – bilan des CLEE {} – {}",
            b.annee_scolaire, b.perimetre
        ),
        couverture: Some(Couverture::bilan_annuel(
            "Bilan des comités locaux École-entreprise",
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

/// 1 – Les comités : nom, bassins, co-pilotes, membres.
fn comites(b: &BilanClee) -> Vec<Bloc> {
    let n = texte::nombre;
    vec![
        Bloc::Titre1("1 – Les comités".into()),
        Bloc::tableau_ou(
            "Aucun comité dans ce périmètre.",
            vec![
                Colonne::texte("Comité", 2.6),
                Colonne::texte("Bassins", 2.4),
                Colonne::texte("Co-pilotes", 2.8),
                Colonne::nombre("Membres", 1.1),
            ],
            b.comites
                .iter()
                .map(|c| {
                    let copilotes = [c.copilote_education.clone(), c.copilote_entreprise.clone()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" et ");
                    vec![c.nom.clone(), c.bassins.clone(), copilotes, n(c.membres)]
                })
                .collect(),
        ),
    ]
}

/// 2 – Réunions tenues : leur nombre et, s'il y en a, leur tableau.
fn reunions_tenues(b: &BilanClee) -> Vec<Bloc> {
    let n = texte::nombre;
    let mut blocs = vec![
        Bloc::Titre1("2 – Réunions tenues".into()),
        Bloc::Paragraphe(format!(
            "{} réunion(s) tenue(s) en {}.",
            n(b.reunions.len() as i64),
            b.annee_scolaire
        )),
    ];
    blocs.extend(Bloc::tableau_non_vide(
        vec![
            Colonne::texte("Date", 1.3),
            Colonne::texte("Comité", 2.6),
            Colonne::texte("Réunion", 2.2),
            Colonne::nombre("Présents", 1.1),
            Colonne::nombre("Excusés", 1.1),
            Colonne::nombre("Absents", 1.1),
        ],
        b.reunions
            .iter()
            .map(|r| {
                vec![
                    dates::francaise(r.date),
                    r.comite.clone(),
                    r.type_.clone(),
                    n(r.presents),
                    n(r.excuses),
                    n(r.absents),
                ]
            })
            .collect(),
    ));
    blocs
}

/// 3 – Assiduité par collège, avec le taux de présence.
fn assiduite(b: &BilanClee) -> Vec<Bloc> {
    let n = texte::nombre;
    vec![
        Bloc::Titre1("3 – Assiduité par collège".into()),
        Bloc::tableau_avec_total(
            vec![
                Colonne::texte("Collège", 2.6),
                Colonne::nombre("Présents", 1.1),
                Colonne::nombre("Excusés", 1.1),
                Colonne::nombre("Absents", 1.1),
                Colonne::nombre("Taux de présence", 1.5),
            ],
            b.assiduite
                .iter()
                .map(|a| {
                    vec![
                        a.college.clone(),
                        n(a.presents),
                        n(a.excuses),
                        n(a.absents),
                        pourcent(a.taux()),
                    ]
                })
                .collect(),
        ),
        Bloc::Note("Taux de présence : présents rapportés aux personnes pointées (présentes, excusées ou absentes) lors des réunions tenues.".into()),
    ]
}

/// 4 – Actions par type, et l'histogramme des jeunes touchés s'il y en a.
fn actions(b: &BilanClee) -> Vec<Bloc> {
    let n = texte::nombre;
    let mut blocs = vec![
        Bloc::Titre1("4 – Actions vers les élèves et les équipes".into()),
        Bloc::tableau_avec_total(
            vec![
                Colonne::texte("Type d'action", 3.0),
                Colonne::nombre("Actions", 1.0),
                Colonne::nombre("Filles", 1.0),
                Colonne::nombre("Garçons", 1.0),
                Colonne::nombre("Jeunes", 1.0),
                Colonne::nombre("Enseignants", 1.2),
            ],
            b.actions
                .iter()
                .map(|l| {
                    vec![
                        l.type_.clone(),
                        n(l.actions),
                        n(l.filles),
                        n(l.garcons),
                        n(l.filles.saturating_add(l.garcons)),
                        n(l.enseignants),
                    ]
                })
                .collect(),
        ),
    ];
    let barres: Vec<(String, f64)> = b
        .actions
        .iter()
        .filter(|l| l.type_ != "Total")
        .map(|l| (l.type_.clone(), l.filles.saturating_add(l.garcons) as f64))
        .collect();
    if barres.iter().any(|x| x.1 > 0.0) {
        blocs.push(Bloc::Histogramme {
            titre: "Jeunes touchés par type d'action".into(),
            barres,
        });
    }
    blocs
}

/// 5 – Partenaires cités par les actions, puis partenaires déclarés des comités.
fn partenaires(b: &BilanClee) -> Vec<Bloc> {
    let mut blocs = vec![
        Bloc::Titre1("5 – Partenaires associés".into()),
        Bloc::tableau_ou(
            "Aucune organisation citée par les actions de l'année.",
            vec![
                Colonne::texte("Organisation", 5.0),
                Colonne::nombre("Actions", 1.2),
            ],
            b.partenaires
                .iter()
                .map(|(o, k)| vec![o.clone(), texte::nombre(*k)])
                .collect(),
        ),
    ];
    let declares: Vec<String> = b
        .comites
        .iter()
        .filter(|c| !c.partenaires.is_empty())
        .map(|c| format!("{} : {}", c.nom, c.partenaires))
        .collect();
    if !declares.is_empty() {
        blocs.push(Bloc::Titre3("Partenaires déclarés des comités".into()));
        blocs.push(Bloc::Liste(declares));
    }
    blocs
}

/// 6 – Actions de suivi ouvertes en fin d'année.
fn ouvertes(b: &BilanClee) -> Vec<Bloc> {
    vec![
        Bloc::Titre1("6 – Actions de suivi ouvertes en fin d'année".into()),
        Bloc::tableau_ou(
            "Aucune.",
            vec![
                Colonne::texte("Comité", 2.2),
                Colonne::texte("Action", 3.6),
                Colonne::texte("Responsable", 1.9),
                Colonne::texte("Échéance", 1.3),
            ],
            b.ouvertes
                .iter()
                .map(|(c, a)| {
                    vec![
                        c.clone(),
                        a.intitule.clone(),
                        a.responsable.clone().unwrap_or_default(),
                        a.echeance.map(dates::francaise).unwrap_or_default(),
                    ]
                })
                .collect(),
        ),
    ]
}
