//! Mise en page des documents d'une convention : bilan annuel et dossier de réunion du groupe
//! de suivi. Rien ici ne lit la base.

use super::{ModeleBilan, ModeleDossierDeReunion};
use crate::conventions::contrat::LigneContrat;
use crate::rapport::{edite_le, ou_tiret, pourcent, Bloc, Colonne, Couverture, Rapport};
use crate::reunions::documents::bloc_emargement;
use crate::vocabulaire::Code;
use crate::{dates, texte};
use chrono::{Datelike, NaiveDate};

/// « 24/11/2026 », ou un tiret sans date.
fn df(d: Option<NaiveDate>) -> String {
    ou_tiret(d.map(dates::francaise))
}

/// Indicateurs du contrat de progrès : cible contre valeur atteinte.
fn bloc_contrat(lignes: &[LigneContrat]) -> Bloc {
    Bloc::tableau_ou(
        "Aucun contrat de progrès saisi pour cette année.",
        vec![
            Colonne::texte("Action prévue", 3.0),
            Colonne::texte("Indicateur", 2.6),
            Colonne::nombre("Cible", 1.0),
            Colonne::nombre("Atteint", 1.1),
            Colonne::nombre("Taux", 1.0),
        ],
        lignes
            .iter()
            .map(|l| {
                vec![
                    l.action_prevue.clone(),
                    l.indicateur.clone(),
                    texte::nombre(l.cible),
                    ou_tiret(l.realise.map(texte::nombre)),
                    pourcent(l.taux),
                ]
            })
            .collect(),
    )
}

/// Bilan annuel d'une convention : activité liée, indicateurs du contrat de progrès, réunions tenues.
pub fn rendre_bilan(m: &ModeleBilan) -> Rapport {
    let (annee, c, activite) = (m.annee, &m.convention, &m.activite);
    let mut blocs = vec![Bloc::Titre1("1 – Activité liée".into())];
    blocs.push(Bloc::Paragraphe(format!(
        "{} action(s) IPE rattachée(s) à la convention en {annee} : {} établissements, {} jeunes, {} enseignants et personnels, {} entreprises.",
        texte::nombre(activite.len() as i64),
        texte::nombre(activite.iter().map(|a| a.effectifs.etablissements).sum()),
        texte::nombre(activite.iter().map(|a| a.jeunes).sum()),
        texte::nombre(activite.iter().map(|a| a.enseignants).sum()),
        texte::nombre(activite.iter().map(|a| a.effectifs.entreprises).sum()),
    )));
    blocs.push(Bloc::Titre1("2 – Contrat annuel de progrès".into()));
    blocs.push(bloc_contrat(&m.contrat));
    blocs.extend(reunions_de_l_annee(m));
    blocs.push(Bloc::Titre1(
        "4 – Actions de suivi ouvertes au 31 décembre".into(),
    ));
    blocs.push(if m.ouvertes.is_empty() {
        Bloc::Paragraphe("Aucune.".into())
    } else {
        Bloc::Liste(
            m.ouvertes
                .iter()
                .map(|a| {
                    format!(
                        "{}{}",
                        a.intitule,
                        a.responsable
                            .as_ref()
                            .map(|r| format!(" ({r})"))
                            .unwrap_or_default()
                    )
                })
                .collect(),
        )
    });
    Rapport {
        titre: format!("Bilan {annee} – {}", c.titre),
        entete: format!("Passerelle – bilan {annee} – {}", c.titre),
        couverture: Some(Couverture {
            titre: format!("Bilan {annee} de la convention"),
            sous_titre: Some(c.titre.clone()),
            lignes: vec![format!("Année {annee}"), edite_le(m.edite_le)],
        }),
        blocs,
    }
}

/// 3 – Réunions du groupe de suivi : nombre contre règle de la convention, tableau.
fn reunions_de_l_annee(m: &ModeleBilan) -> Vec<Bloc> {
    let annee = m.annee;
    let attendues = m.convention.reunions_par_an as usize;
    let mut blocs = vec![
        Bloc::Titre1("3 – Réunions du groupe de suivi".into()),
        Bloc::Paragraphe(format!(
            "{} réunion(s) en {annee} pour {attendues} attendue(s){}.",
            m.reunions.len(),
            if m.reunions.len() < attendues {
                " : la règle de la convention n'est pas respectée"
            } else {
                ""
            }
        )),
    ];
    blocs.extend(Bloc::tableau_non_vide(
        vec![
            Colonne::texte("Date", 1.3),
            Colonne::texte("Lieu", 3.5),
            Colonne::nombre("Présents", 1.2),
            Colonne::nombre("Décisions", 1.2),
        ],
        m.reunions
            .iter()
            .map(|r| {
                vec![
                    dates::francaise(r.date),
                    r.lieu.clone(),
                    texte::nombre(r.presents),
                    texte::nombre(r.decisions),
                ]
            })
            .collect(),
    ));
    blocs
}

/// Le dossier de réunion du groupe de suivi, une section par fonction.
pub fn rendre_dossier_de_reunion(m: &ModeleDossierDeReunion) -> Rapport {
    let (c, date) = (&m.convention, m.date);
    let mut blocs = la_convention(m);
    blocs.extend(echeances(m));
    blocs.extend(activite_liee(m));
    blocs.extend(actions_ouvertes(m));
    blocs.push(Bloc::Titre1("5 – Ordre du jour proposé".into()));
    blocs.push(Bloc::liste_numerotee(&m.ordre_du_jour));
    blocs.push(Bloc::SautDePage);
    blocs.push(Bloc::Titre1(format!(
        "Feuille d'émargement – réunion du {}",
        dates::francaise(date)
    )));
    blocs.push(bloc_emargement(&m.membres));
    Rapport {
        titre: format!("Groupe de suivi – {}", c.titre),
        entete: format!(
            "Passerelle – dossier de réunion du {} – {}",
            dates::francaise(date),
            c.titre
        ),
        couverture: Some(Couverture {
            titre: "Réunion du groupe de suivi".into(),
            sous_titre: Some(c.titre.clone()),
            lignes: vec![
                format!("Réunion du {}", dates::francaise(date)),
                edite_le(m.edite_le),
            ],
        }),
        blocs,
    }
}

/// 1 – La convention : rubriques, parties, avenants.
fn la_convention(m: &ModeleDossierDeReunion) -> Vec<Bloc> {
    let c = &m.convention;
    let mut blocs = vec![Bloc::Titre1("1 – La convention".into())];
    blocs.push(Bloc::tableau(
        vec![
            Colonne::texte("Rubrique", 2.0),
            Colonne::texte("Valeur", 5.0),
        ],
        vec![
            vec!["Statut".into(), c.statut.libelle().to_string()],
            vec!["Signature".into(), df(c.date_signature)],
            vec![
                "Effet et durée".into(),
                format!(
                    "{} pour {} mois",
                    dates::francaise(c.date_effet),
                    c.duree_mois
                ),
            ],
            vec!["Fin (après avenants)".into(), df(c.fin)],
            vec!["Échéance en cours".into(), df(c.echeance)],
            vec![
                "Dernier jour de préavis".into(),
                if c.preavis_mois > 0 {
                    df(c.limite_preavis)
                } else {
                    "sans préavis".into()
                },
            ],
        ],
    ));
    if !m.parties.is_empty() {
        blocs.push(Bloc::Titre3("Parties".into()));
        blocs.push(Bloc::Liste(
            m.parties
                .iter()
                .map(|p| {
                    format!(
                        "{} — {}{}",
                        p.nom,
                        p.role,
                        p.signataire
                            .as_ref()
                            .map(|s| format!(" (signataire : {s})"))
                            .unwrap_or_default()
                    )
                })
                .collect(),
        ));
    }
    if !m.avenants.is_empty() {
        blocs.push(Bloc::Titre3("Avenants".into()));
        blocs.push(Bloc::Liste(
            m.avenants
                .iter()
                .map(|a| format!("{} : {}", dates::francaise(a.date), a.objet))
                .collect(),
        ));
    }
    blocs
}

/// 2 – Échéances à venir dans les douze mois.
fn echeances(m: &ModeleDossierDeReunion) -> Vec<Bloc> {
    vec![
        Bloc::Titre1("2 – Échéances à venir (douze mois)".into()),
        if m.echeances.is_empty() {
            Bloc::Paragraphe("Aucune échéance dans les douze mois.".into())
        } else {
            Bloc::Liste(
                m.echeances
                    .iter()
                    .map(|e| format!("{} : {}", dates::francaise(e.date), e.libelle))
                    .collect(),
            )
        },
    ]
}

/// 3 – Activité liée depuis la réunion précédente, et le contrat de progrès de l'année.
fn activite_liee(m: &ModeleDossierDeReunion) -> Vec<Bloc> {
    let date = m.date;
    let mut blocs = vec![Bloc::Titre1(match m.precedente {
        Some(d) => format!(
            "3 – Activité liée depuis la réunion du {}",
            dates::francaise(d)
        ),
        None => "3 – Activité liée à la convention".into(),
    })];
    let jeunes: i64 = m.activite.iter().map(|a| a.jeunes).sum();
    blocs.push(Bloc::Paragraphe(format!(
        "{} action(s) IPE rattachée(s), {} jeunes touchés.",
        texte::nombre(m.activite.len() as i64),
        texte::nombre(jeunes)
    )));
    blocs.extend(Bloc::tableau_non_vide(
        vec![
            Colonne::texte("Date", 1.2),
            Colonne::texte("Action", 4.0),
            Colonne::texte("IPE", 2.0),
        ],
        m.activite
            .iter()
            .take(200)
            .map(|a| {
                vec![
                    dates::francaise(dates::lire(&a.date).unwrap_or(date)),
                    a.intitule.clone(),
                    a.intervenants_noms.clone(),
                ]
            })
            .collect(),
    ));
    blocs.push(Bloc::Titre2(format!(
        "Contrat annuel de progrès {}",
        date.year()
    )));
    blocs.push(bloc_contrat(&m.contrat));
    blocs
}

/// 4 – Actions de suivi ouvertes à la date de la réunion.
fn actions_ouvertes(m: &ModeleDossierDeReunion) -> Vec<Bloc> {
    vec![
        Bloc::Titre1("4 – Actions de suivi ouvertes".into()),
        Bloc::tableau_ou(
            "Aucune action ouverte.",
            vec![
                Colonne::texte("Action", 4.0),
                Colonne::texte("Responsable", 2.0),
                Colonne::texte("Échéance", 1.3),
                Colonne::texte("Décidée le", 1.3),
            ],
            m.ouvertes
                .iter()
                .map(|a| {
                    vec![
                        a.intitule.clone(),
                        a.responsable.clone().unwrap_or_default(),
                        df(a.echeance),
                        df(a.decidee_le),
                    ]
                })
                .collect(),
        ),
    ]
}
