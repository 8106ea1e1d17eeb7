//! Le dossier de préparation d'une réunion du groupe de suivi (PDF) : résumé de la convention,
//! échéances à venir, activité liée depuis la réunion précédente, actions ouvertes, ordre du
//! jour proposé et feuille d'émargement.

use super::{contrat, fiches, structure, suivi};
use crate::echeancier;
use crate::ipe::actions::{self, FiltreActions};
use crate::liste::ParametresListe;
use crate::rapport::{rendre_pdf, Bloc, Colonne, Couverture, Rapport};
use crate::reunions::{self, documents::bloc_emargement, Cadre};
use crate::vocabulaire::Code;
use crate::{dates, texte, Resultat};
use chrono::{Days, NaiveDate};
use rusqlite::Connection;

/// Indicateurs du contrat de progrès : cible contre valeur atteinte.
fn bloc_contrat(lignes: &[contrat::LigneContrat]) -> Bloc {
    if lignes.is_empty() {
        return Bloc::Paragraphe("Aucun contrat de progrès saisi pour cette année.".into());
    }
    Bloc::Tableau {
        colonnes: vec![
            Colonne::texte("Action prévue", 3.0),
            Colonne::texte("Indicateur", 2.6),
            Colonne::nombre("Cible", 1.0),
            Colonne::nombre("Atteint", 1.1),
            Colonne::nombre("Taux", 1.0),
        ],
        lignes: lignes
            .iter()
            .map(|l| {
                vec![
                    l.action_prevue.clone(),
                    l.indicateur.clone(),
                    texte::nombre(l.cible),
                    l.realise.map(texte::nombre).unwrap_or_else(|| "—".into()),
                    l.taux
                        .map(|t| format!("{t} %"))
                        .unwrap_or_else(|| "—".into()),
                ]
            })
            .collect(),
        gras_derniere_ligne: false,
    }
}

/// Bilan annuel d'une convention : activité liée, indicateurs du contrat de progrès, réunions tenues.
pub fn bilan_annuel(conn: &Connection, convention_id: i64, annee: i32) -> Resultat<Rapport> {
    let c = fiches::lire(conn, convention_id)?;
    let (debut, fin) = (format!("{annee:04}-01-01"), format!("{annee:04}-12-31"));
    let f = FiltreActions {
        convention_id: Some(convention_id),
        annee: Some(annee),
        liste: ParametresListe {
            limite: Some(100_000),
            ..Default::default()
        },
        ..Default::default()
    };
    let activite = actions::lister(conn, &f)?.lignes;
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
    blocs.push(bloc_contrat(&contrat::lignes(
        conn,
        convention_id,
        Some(annee),
    )?));
    blocs.push(Bloc::Titre1("3 – Réunions du groupe de suivi".into()));
    let reunions: Vec<_> = reunions::lister(conn, Cadre::Convention(convention_id))?
        .into_iter()
        .filter(|r| dates::iso(r.date) >= debut && dates::iso(r.date) <= fin)
        .collect();
    let attendues = c.reunions_par_an as usize;
    blocs.push(Bloc::Paragraphe(format!(
        "{} réunion(s) en {annee} pour {attendues} attendue(s){}.",
        reunions.len(),
        if reunions.len() < attendues {
            " : la règle de la convention n'est pas respectée"
        } else {
            ""
        }
    )));
    if !reunions.is_empty() {
        let mut lignes = Vec::new();
        for r in &reunions {
            let presents = reunions::presences(conn, r.id)?
                .iter()
                .filter(|p| p.etat == Some(reunions::EtatPresence::Present))
                .count();
            lignes.push(vec![
                dates::francaise(r.date),
                r.lieu.clone(),
                texte::nombre(presents as i64),
                texte::nombre(reunions::decisions(conn, r.id)?.len() as i64),
            ]);
        }
        blocs.push(Bloc::Tableau {
            colonnes: vec![
                Colonne::texte("Date", 1.3),
                Colonne::texte("Lieu", 3.5),
                Colonne::nombre("Présents", 1.2),
                Colonne::nombre("Décisions", 1.2),
            ],
            lignes,
            gras_derniere_ligne: false,
        });
    }
    blocs.push(Bloc::Titre1(
        "4 – Actions de suivi ouvertes au 31 décembre".into(),
    ));
    let ouvertes = reunions::actions(
        conn,
        Cadre::Convention(convention_id),
        NaiveDate::from_ymd_opt(annee, 12, 31),
    )?;
    blocs.push(if ouvertes.is_empty() {
        Bloc::Paragraphe("Aucune.".into())
    } else {
        Bloc::Liste(
            ouvertes
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
    Ok(Rapport {
        titre: format!("Bilan {annee} – {}", c.titre),
        entete: format!("Passerelle – bilan {annee} – {}", c.titre),
        couverture: Some(Couverture {
            titre: format!("Bilan {annee} de la convention"),
            sous_titre: Some(c.titre.clone()),
            lignes: vec![format!("Année {annee}"), crate::bilans::date_d_edition()],
        }),
        blocs,
    })
}

pub fn dossier_de_reunion(
    conn: &Connection,
    convention_id: i64,
    date: NaiveDate,
) -> Resultat<Rapport> {
    let c = fiches::lire(conn, convention_id)?;
    let df = |d: Option<NaiveDate>| d.map(dates::francaise).unwrap_or_else(|| "—".into());
    let mut blocs = vec![Bloc::Titre1("1 – La convention".into())];
    blocs.push(Bloc::Tableau {
        colonnes: vec![
            Colonne::texte("Rubrique", 2.0),
            Colonne::texte("Valeur", 5.0),
        ],
        lignes: vec![
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
        gras_derniere_ligne: false,
    });
    let parties = structure::parties(conn, convention_id)?;
    if !parties.is_empty() {
        blocs.push(Bloc::Titre3("Parties".into()));
        blocs.push(Bloc::Liste(
            parties
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
    let avenants = fiches::avenants(conn, convention_id)?;
    if !avenants.is_empty() {
        blocs.push(Bloc::Titre3("Avenants".into()));
        blocs.push(Bloc::Liste(
            avenants
                .iter()
                .map(|a| format!("{} : {}", dates::francaise(a.date), a.objet))
                .collect(),
        ));
    }

    blocs.push(Bloc::Titre1("2 – Échéances à venir (douze mois)".into()));
    let echeances: Vec<_> = echeancier::echeances(conn, date, date + Days::new(365))?
        .into_iter()
        .filter(|e| e.module == "conventions" && e.objet_id == convention_id)
        .collect();
    if echeances.is_empty() {
        blocs.push(Bloc::Paragraphe(
            "Aucune échéance dans les douze mois.".into(),
        ));
    } else {
        blocs.push(Bloc::Liste(
            echeances
                .iter()
                .map(|e| format!("{} : {}", dates::francaise(e.date), e.libelle))
                .collect(),
        ));
    }

    let precedente = reunions::precedente(conn, Cadre::Convention(convention_id), date)?;
    let depuis = precedente.as_ref().map(|r| r.date);
    blocs.push(Bloc::Titre1(match depuis {
        Some(d) => format!(
            "3 – Activité liée depuis la réunion du {}",
            dates::francaise(d)
        ),
        None => "3 – Activité liée à la convention".into(),
    }));
    let f = FiltreActions {
        convention_id: Some(convention_id),
        liste: ParametresListe {
            limite: Some(100_000),
            ..Default::default()
        },
        ..Default::default()
    };
    let activite: Vec<_> = actions::lister(conn, &f)?
        .lignes
        .into_iter()
        .filter(|a| {
            depuis.is_none_or(|d| a.date.as_str() > dates::iso(d).as_str())
                && a.date.as_str() <= dates::iso(date).as_str()
        })
        .collect();
    let jeunes: i64 = activite.iter().map(|a| a.jeunes).sum();
    blocs.push(Bloc::Paragraphe(format!(
        "{} action(s) IPE rattachée(s), {} jeunes touchés.",
        texte::nombre(activite.len() as i64),
        texte::nombre(jeunes)
    )));
    if !activite.is_empty() {
        blocs.push(Bloc::Tableau {
            colonnes: vec![
                Colonne::texte("Date", 1.2),
                Colonne::texte("Action", 4.0),
                Colonne::texte("IPE", 2.0),
            ],
            lignes: activite
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
            gras_derniere_ligne: false,
        });
    }

    blocs.push(Bloc::Titre2(format!(
        "Contrat annuel de progrès {}",
        chrono::Datelike::year(&date)
    )));
    blocs.push(bloc_contrat(&contrat::lignes(
        conn,
        convention_id,
        Some(chrono::Datelike::year(&date)),
    )?));

    blocs.push(Bloc::Titre1("4 – Actions de suivi ouvertes".into()));
    let ouvertes = reunions::actions(conn, Cadre::Convention(convention_id), Some(date))?;
    if ouvertes.is_empty() {
        blocs.push(Bloc::Paragraphe("Aucune action ouverte.".into()));
    } else {
        blocs.push(Bloc::Tableau {
            colonnes: vec![
                Colonne::texte("Action", 4.0),
                Colonne::texte("Responsable", 2.0),
                Colonne::texte("Échéance", 1.3),
                Colonne::texte("Décidée le", 1.3),
            ],
            lignes: ouvertes
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
            gras_derniere_ligne: false,
        });
    }

    blocs.push(Bloc::Titre1("5 – Ordre du jour proposé".into()));
    blocs.push(Bloc::Liste(
        reunions::ordre_du_jour_propose(Cadre::Convention(convention_id), &ouvertes)
            .into_iter()
            .enumerate()
            .map(|(i, p)| format!("{}. {p}", i + 1))
            .collect(),
    ));

    blocs.push(Bloc::SautDePage);
    blocs.push(Bloc::Titre1(format!(
        "Feuille d'émargement – réunion du {}",
        dates::francaise(date)
    )));
    let membres: Vec<(String, String)> = suivi::membres(conn, convention_id)?
        .into_iter()
        .map(|m| {
            (
                m.nom,
                [m.fonction, m.rattachement.unwrap_or_default()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" – "),
            )
        })
        .collect();
    blocs.push(bloc_emargement(&membres));
    Ok(Rapport {
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
                crate::bilans::date_d_edition(),
            ],
        }),
        blocs,
    })
}

pub fn dossier_pdf(conn: &Connection, convention_id: i64, date: NaiveDate) -> Resultat<Vec<u8>> {
    rendre_pdf(&dossier_de_reunion(conn, convention_id, date)?)
}

/// Écrit le dossier dans `dossier_sortie` (« reunion-convention-4-2026-12-15.pdf ») ; rend le chemin.
pub fn exporter(
    conn: &Connection,
    convention_id: i64,
    date: &str,
    dossier_sortie: &std::path::Path,
) -> Resultat<std::path::PathBuf> {
    let date = dates::lire(date).map_err(|m| crate::Erreur::validation("date", m))?;
    let octets = dossier_pdf(conn, convention_id, date)?;
    crate::bilans::ecrire(
        dossier_sortie,
        &format!(
            "reunion-convention-{convention_id}-{}.pdf",
            dates::iso(date)
        ),
        &octets,
    )
}

/// Bilan annuel d'une convention en PDF, écrit dans `dossier_sortie` ; rend le chemin.
pub fn exporter_bilan(
    conn: &Connection,
    convention_id: i64,
    annee: i32,
    dossier_sortie: &std::path::Path,
) -> Resultat<std::path::PathBuf> {
    let octets = rendre_pdf(&bilan_annuel(conn, convention_id, annee)?)?;
    crate::bilans::ecrire(
        dossier_sortie,
        &format!("bilan-convention-{convention_id}-{annee}.pdf"),
        &octets,
    )
}
