//! Le dossier de préparation d'une réunion du groupe de suivi (PDF) : résumé de la convention,
//! échéances à venir, activité liée depuis la réunion précédente, actions ouvertes, ordre du
//! jour proposé et feuille d'émargement.

use super::{contrat, echeancier, fiches, structure, suivi};
use crate::ipe::actions::{self, FiltreActions};
use crate::liste::ParametresListe;
use crate::rapport::{rendre_pdf, Alignement, Bloc, Colonne, Couverture, Rapport};
use crate::{dates, texte, Resultat};
use chrono::{Days, NaiveDate};
use rusqlite::Connection;

fn colonne(titre: &str, largeur: f32) -> Colonne {
    Colonne { titre: titre.into(), largeur, alignement: Alignement::Gauche }
}

fn nombre_col(titre: &str, largeur: f32) -> Colonne {
    Colonne { titre: titre.into(), largeur, alignement: Alignement::Droite }
}

/// Indicateurs du contrat de progrès : cible contre valeur atteinte.
fn bloc_contrat(lignes: &[contrat::LigneContrat]) -> Bloc {
    if lignes.is_empty() {
        return Bloc::Paragraphe("Aucun contrat de progrès saisi pour cette année.".into());
    }
    Bloc::Tableau {
        colonnes: vec![colonne("Action prévue", 3.0), colonne("Indicateur", 2.6), nombre_col("Cible", 1.0), nombre_col("Atteint", 1.1), nombre_col("Taux", 1.0)],
        lignes: lignes
            .iter()
            .map(|l| {
                vec![
                    l.action_prevue.clone(),
                    l.indicateur.clone(),
                    texte::nombre(l.cible),
                    l.realise.map(texte::nombre).unwrap_or_else(|| "—".into()),
                    l.taux.map(|t| format!("{t} %")).unwrap_or_else(|| "—".into()),
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
    let f = FiltreActions { convention_id: Some(convention_id), annee: Some(annee), liste: ParametresListe { limite: Some(100_000), ..Default::default() }, ..Default::default() };
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
    blocs.push(bloc_contrat(&contrat::lignes(conn, convention_id, Some(annee))?));
    blocs.push(Bloc::Titre1("3 – Réunions du groupe de suivi".into()));
    let reunions: Vec<_> = suivi::reunions(conn, convention_id)?.into_iter().filter(|r| dates::iso(r.date) >= debut && dates::iso(r.date) <= fin).collect();
    let attendues = c.reunions_par_an as usize;
    blocs.push(Bloc::Paragraphe(format!(
        "{} réunion(s) en {annee} pour {attendues} attendue(s){}.",
        reunions.len(),
        if reunions.len() < attendues { " : la règle de la convention n'est pas respectée" } else { "" }
    )));
    if !reunions.is_empty() {
        let mut lignes = Vec::new();
        for r in &reunions {
            let presents = suivi::presences(conn, r.id)?.iter().filter(|p| p.etat.as_deref() == Some("present")).count();
            lignes.push(vec![dates::francaise(r.date), r.lieu.clone(), texte::nombre(presents as i64), texte::nombre(suivi::decisions(conn, r.id)?.len() as i64)]);
        }
        blocs.push(Bloc::Tableau {
            colonnes: vec![colonne("Date", 1.3), colonne("Lieu", 3.5), nombre_col("Présents", 1.2), nombre_col("Décisions", 1.2)],
            lignes,
            gras_derniere_ligne: false,
        });
    }
    blocs.push(Bloc::Titre1("4 – Actions de suivi ouvertes au 31 décembre".into()));
    let ouvertes = suivi::actions(conn, convention_id, NaiveDate::from_ymd_opt(annee, 12, 31))?;
    blocs.push(if ouvertes.is_empty() {
        Bloc::Paragraphe("Aucune.".into())
    } else {
        Bloc::Liste(ouvertes.iter().map(|a| format!("{}{}", a.intitule, a.responsable.as_ref().map(|r| format!(" ({r})")).unwrap_or_default())).collect())
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

pub fn dossier_de_reunion(conn: &Connection, convention_id: i64, date: NaiveDate) -> Resultat<Rapport> {
    let c = fiches::lire(conn, convention_id)?;
    let df = |d: Option<NaiveDate>| d.map(dates::francaise).unwrap_or_else(|| "—".into());
    let mut blocs = vec![Bloc::Titre1("1 – La convention".into())];
    blocs.push(Bloc::Tableau {
        colonnes: vec![colonne("Rubrique", 2.0), colonne("Valeur", 5.0)],
        lignes: vec![
            vec!["Statut".into(), fiches::STATUTS.iter().find(|s| s.0 == c.statut).map(|s| s.1).unwrap_or(&c.statut).to_string()],
            vec!["Signature".into(), df(c.date_signature)],
            vec!["Effet et durée".into(), format!("{} pour {} mois", dates::francaise(c.date_effet), c.duree_mois)],
            vec!["Fin (après avenants)".into(), df(c.fin)],
            vec!["Échéance en cours".into(), df(c.echeance)],
            vec!["Dernier jour de préavis".into(), if c.preavis_mois > 0 { df(c.limite_preavis) } else { "sans préavis".into() }],
        ],
        gras_derniere_ligne: false,
    });
    let parties = structure::parties(conn, convention_id)?;
    if !parties.is_empty() {
        blocs.push(Bloc::Titre3("Parties".into()));
        blocs.push(Bloc::Liste(parties.iter().map(|p| format!("{} — {}{}", p.nom, p.role, p.signataire.as_ref().map(|s| format!(" (signataire : {s})")).unwrap_or_default())).collect()));
    }
    let avenants = fiches::avenants(conn, convention_id)?;
    if !avenants.is_empty() {
        blocs.push(Bloc::Titre3("Avenants".into()));
        blocs.push(Bloc::Liste(avenants.iter().map(|a| format!("{} : {}", dates::francaise(a.date), a.objet)).collect()));
    }

    blocs.push(Bloc::Titre1("2 – Échéances à venir (douze mois)".into()));
    let echeances: Vec<_> = echeancier::echeances(conn, date, date + Days::new(365))?.into_iter().filter(|e| e.convention_id == convention_id).collect();
    if echeances.is_empty() {
        blocs.push(Bloc::Paragraphe("Aucune échéance dans les douze mois.".into()));
    } else {
        blocs.push(Bloc::Liste(echeances.iter().map(|e| format!("{} : {}", dates::francaise(e.date), e.libelle)).collect()));
    }

    let precedente = suivi::reunion_precedente(conn, convention_id, date)?;
    let depuis = precedente.as_ref().map(|r| r.date);
    blocs.push(Bloc::Titre1(match depuis {
        Some(d) => format!("3 – Activité liée depuis la réunion du {}", dates::francaise(d)),
        None => "3 – Activité liée à la convention".into(),
    }));
    let f = FiltreActions { convention_id: Some(convention_id), liste: ParametresListe { limite: Some(100_000), ..Default::default() }, ..Default::default() };
    let activite: Vec<_> = actions::lister(conn, &f)?
        .lignes
        .into_iter()
        .filter(|a| depuis.is_none_or(|d| a.date.as_str() > dates::iso(d).as_str()) && a.date.as_str() <= dates::iso(date).as_str())
        .collect();
    let jeunes: i64 = activite.iter().map(|a| a.jeunes).sum();
    blocs.push(Bloc::Paragraphe(format!("{} action(s) IPE rattachée(s), {} jeunes touchés.", texte::nombre(activite.len() as i64), texte::nombre(jeunes))));
    if !activite.is_empty() {
        blocs.push(Bloc::Tableau {
            colonnes: vec![colonne("Date", 1.2), colonne("Action", 4.0), colonne("IPE", 2.0)],
            lignes: activite.iter().take(200).map(|a| vec![dates::francaise(dates::lire(&a.date).unwrap_or(date)), a.intitule.clone(), a.intervenants_noms.clone()]).collect(),
            gras_derniere_ligne: false,
        });
    }

    blocs.push(Bloc::Titre2(format!("Contrat annuel de progrès {}", chrono::Datelike::year(&date))));
    blocs.push(bloc_contrat(&contrat::lignes(conn, convention_id, Some(chrono::Datelike::year(&date)))?));

    blocs.push(Bloc::Titre1("4 – Actions de suivi ouvertes".into()));
    let ouvertes = suivi::actions(conn, convention_id, Some(date))?;
    if ouvertes.is_empty() {
        blocs.push(Bloc::Paragraphe("Aucune action ouverte.".into()));
    } else {
        blocs.push(Bloc::Tableau {
            colonnes: vec![colonne("Action", 4.0), colonne("Responsable", 2.0), colonne("Échéance", 1.3), colonne("Décidée le", 1.3)],
            lignes: ouvertes.iter().map(|a| vec![a.intitule.clone(), a.responsable.clone().unwrap_or_default(), df(a.echeance), df(a.decidee_le)]).collect(),
            gras_derniere_ligne: false,
        });
    }

    blocs.push(Bloc::Titre1("5 – Ordre du jour proposé".into()));
    blocs.push(Bloc::Liste(suivi::ordre_du_jour_propose(&ouvertes).into_iter().enumerate().map(|(i, p)| format!("{}. {p}", i + 1)).collect()));

    blocs.push(Bloc::SautDePage);
    blocs.push(Bloc::Titre1(format!("Feuille d'émargement – réunion du {}", dates::francaise(date))));
    let membres = suivi::membres(conn, convention_id)?;
    blocs.push(Bloc::Tableau {
        colonnes: vec![colonne("Nom", 2.2), colonne("Fonction et structure", 3.2), colonne("Signature", 2.6)],
        lignes: membres
            .iter()
            .map(|m| vec![m.nom.clone(), [m.fonction.as_str(), m.rattachement.as_deref().unwrap_or("")].iter().filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join(" – "), "\n\n".into()])
            .chain((0..3).map(|_| vec![String::new(), String::new(), "\n\n".into()]))
            .collect(),
        gras_derniere_ligne: false,
    });
    Ok(Rapport {
        titre: format!("Groupe de suivi – {}", c.titre),
        entete: format!("Passerelle – dossier de réunion du {} – {}", dates::francaise(date), c.titre),
        couverture: Some(Couverture {
            titre: "Réunion du groupe de suivi".into(),
            sous_titre: Some(c.titre.clone()),
            lignes: vec![format!("Réunion du {}", dates::francaise(date)), crate::bilans::date_d_edition()],
        }),
        blocs,
    })
}

pub fn dossier_pdf(conn: &Connection, convention_id: i64, date: NaiveDate) -> Resultat<Vec<u8>> {
    rendre_pdf(&dossier_de_reunion(conn, convention_id, date)?)
}

/// Écrit le dossier dans `dossier_sortie` (« reunion-convention-4-2026-12-15.pdf ») ; rend le chemin.
pub fn exporter(conn: &Connection, convention_id: i64, date: &str, dossier_sortie: &std::path::Path) -> Resultat<std::path::PathBuf> {
    let date = dates::lire(date).map_err(|m| crate::Erreur::validation("date", m))?;
    let octets = dossier_pdf(conn, convention_id, date)?;
    std::fs::create_dir_all(dossier_sortie)?;
    let chemin = dossier_sortie.join(format!("reunion-convention-{convention_id}-{}.pdf", dates::iso(date)));
    std::fs::write(&chemin, octets)?;
    Ok(chemin)
}

/// Relevé de décisions d'une réunion, dans la forme habituelle : présents, excusés, absents,
/// compte rendu par point numéroté, décisions, actions avec responsables et échéances.
pub fn releve_de_decisions(conn: &Connection, reunion_id: i64) -> Resultat<Rapport> {
    let r = suivi::reunion(conn, reunion_id)?;
    let c = fiches::lire(conn, r.convention_id)?;
    let presences = suivi::presences(conn, reunion_id)?;
    let liste_de = |etat: &str| -> String {
        let noms: Vec<String> = presences
            .iter()
            .filter(|p| p.etat.as_deref() == Some(etat))
            .map(|p| if p.fonction.is_empty() { p.nom.clone() } else { format!("{} – {}", p.nom, p.fonction) })
            .collect();
        if noms.is_empty() { "personne".into() } else { noms.join(" ; ") }
    };
    let quand = format!("{}{}{}", dates::francaise(r.date), if r.heure.is_empty() { String::new() } else { format!(" à {}", r.heure) },
        if r.lieu.is_empty() { String::new() } else { format!(", {}", r.lieu) });
    let mut blocs = vec![
        Bloc::Paragraphe(format!("Réunion du groupe de suivi du {quand}.")),
        Bloc::ParagrapheGras("Étaient présents :".into()),
        Bloc::Paragraphe(liste_de("present")),
        Bloc::ParagrapheGras("Étaient excusés :".into()),
        Bloc::Paragraphe(liste_de("excuse")),
        Bloc::ParagrapheGras("Étaient absents :".into()),
        Bloc::Paragraphe(liste_de("absent")),
    ];
    for (i, p) in suivi::points(conn, reunion_id)?.iter().enumerate() {
        blocs.push(Bloc::Titre2(format!("{}. {}", i + 1, p.intitule)));
        blocs.push(Bloc::Paragraphe(if p.compte_rendu.is_empty() { "Pas de compte rendu pour ce point.".into() } else { p.compte_rendu.clone() }));
    }
    blocs.push(Bloc::Titre1("Décisions".into()));
    let decisions = suivi::decisions(conn, reunion_id)?;
    blocs.push(if decisions.is_empty() { Bloc::Paragraphe("Aucune décision.".into()) } else { Bloc::Liste(decisions) });
    blocs.push(Bloc::Titre1("Actions".into()));
    let actions = suivi::actions_decidees(conn, reunion_id)?;
    if actions.is_empty() {
        blocs.push(Bloc::Paragraphe("Aucune action nouvelle.".into()));
    } else {
        blocs.push(Bloc::Tableau {
            colonnes: vec![colonne("Action", 4.0), colonne("Responsable", 2.0), colonne("Échéance", 1.3)],
            lignes: actions.iter().map(|a| vec![a.intitule.clone(), a.responsable.clone().unwrap_or_default(), a.echeance.map(dates::francaise).unwrap_or_default()]).collect(),
            gras_derniere_ligne: false,
        });
    }
    Ok(Rapport {
        titre: format!("Relevé de décisions – {}", c.titre),
        entete: format!("Passerelle – relevé de décisions du {} – {}", dates::francaise(r.date), c.titre),
        couverture: None,
        blocs: std::iter::once(Bloc::Titre1(format!("Relevé de décisions – {}", c.titre))).chain(blocs).collect(),
    })
}

pub fn releve_pdf(conn: &Connection, reunion_id: i64) -> Resultat<Vec<u8>> {
    rendre_pdf(&releve_de_decisions(conn, reunion_id)?)
}

/// Invitation iCalendar à une réunion, avec les membres du groupe qui ont un courriel.
pub fn invitation_ics(conn: &Connection, reunion_id: i64) -> Resultat<String> {
    use crate::ics::{Evenement, Participant, Quand};
    let r = suivi::reunion(conn, reunion_id)?;
    let c = fiches::lire(conn, r.convention_id)?;
    let debut = {
        let (h, m) = r.heure.split_once('h').and_then(|(h, m)| Some((h.parse().ok()?, m.parse().unwrap_or(0)))).unwrap_or((9, 30));
        r.date.and_hms_opt(h, m, 0).unwrap_or_else(|| r.date.and_hms_opt(9, 30, 0).expect("heure fixe"))
    };
    let participants = suivi::presences(conn, reunion_id)?
        .into_iter()
        .filter(|p| !p.email.is_empty())
        .map(|p| Participant { nom: p.nom, email: p.email })
        .collect();
    let e = Evenement {
        uid: format!("reunion-{}@passerelle", r.id),
        quand: Quand::Horaire { debut, fin: debut + chrono::Duration::hours(2) },
        resume: format!("Groupe de suivi – {}", c.titre),
        description: suivi::ordre_du_jour_propose(&suivi::actions(conn, r.convention_id, Some(r.date))?).join("\n"),
        lieu: r.lieu.clone(),
        organisateur: None,
        participants,
    };
    Ok(crate::ics::calendrier(&[e], chrono::Utc::now().naive_utc()))
}

/// Relevé (PDF) ou invitation (.ics) d'une réunion, écrit dans `dossier_sortie` ; rend le chemin.
pub fn exporter_reunion(conn: &Connection, reunion_id: i64, quoi: &str, dossier_sortie: &std::path::Path) -> Resultat<std::path::PathBuf> {
    let (octets, nom) = match quoi {
        "releve" => (releve_pdf(conn, reunion_id)?, format!("releve-reunion-{reunion_id}.pdf")),
        "invitation" => (invitation_ics(conn, reunion_id)?.into_bytes(), format!("invitation-reunion-{reunion_id}.ics")),
        autre => return Err(crate::Erreur::validation("quoi", format!("Export inconnu : « {autre} »."))),
    };
    std::fs::create_dir_all(dossier_sortie)?;
    let chemin = dossier_sortie.join(nom);
    std::fs::write(&chemin, octets)?;
    Ok(chemin)
}

/// Bilan annuel d'une convention en PDF, écrit dans `dossier_sortie` ; rend le chemin.
pub fn exporter_bilan(conn: &Connection, convention_id: i64, annee: i32, dossier_sortie: &std::path::Path) -> Resultat<std::path::PathBuf> {
    let octets = rendre_pdf(&bilan_annuel(conn, convention_id, annee)?)?;
    std::fs::create_dir_all(dossier_sortie)?;
    let chemin = dossier_sortie.join(format!("bilan-convention-{convention_id}-{annee}.pdf"));
    std::fs::write(&chemin, octets)?;
    Ok(chemin)
}
