//! Le retour d'information que la réunion nationale de 2012 demandait : à chaque organisation
//! professionnelle, qui elle a proposé, qui a été nommé, les mandats et les secteurs (lettre PDF
//! et CSV) ; à chaque employeur, l'avis de nomination de son salarié (lettre PDF).

use super::registre::{self, Cet, FiltreCet, Mission};
use crate::liste::ParametresListe;
use crate::rapport::{rendre_pdf, Bloc, Colonne, Rapport};
use crate::vocabulaire::Code;
use crate::{dates, Erreur, Resultat};
use chrono::NaiveDate;
use rusqlite::Connection;

fn tous(conn: &Connection, f: FiltreCet, aujourdhui: NaiveDate) -> Resultat<Vec<Cet>> {
    Ok(registre::lister_au(
        conn,
        &FiltreCet {
            liste: ParametresListe {
                limite: Some(100_000),
                ..Default::default()
            },
            ..f
        },
        aujourdhui,
    )?
    .lignes)
}

/// Nomination : l'arrêté du mandat en cours, ou « proposé » tant qu'aucun arrêté n'est daté.
fn nomination(x: &Cet) -> String {
    match x.date_arrete {
        Some(d) => format!("nommé(e) par arrêté du {}", dates::francaise(d)),
        None => "proposé(e), arrêté non encore pris".into(),
    }
}

fn mandat(x: &Cet) -> String {
    match (x.debut_mandat, x.fin_mandat) {
        (Some(d), Some(f)) => format!("{} – {}", dates::francaise(d), dates::francaise(f)),
        _ => "—".into(),
    }
}

/// Organisations qui ont proposé au moins un CET (ou celle demandée), par nom.
fn organisations(conn: &Connection, organisation_id: Option<i64>) -> Resultat<Vec<(i64, String)>> {
    let v = conn
        .prepare(
            "SELECT DISTINCT o.id, o.nom FROM cet x JOIN organisation o ON o.id = x.organisation_proposante_id
             WHERE ?1 IS NULL OR o.id = ?1 ORDER BY normaliser(o.nom)",
        )?
        .query_map([organisation_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    if v.is_empty() {
        return Err(match organisation_id {
            Some(id) => Erreur::Introuvable(format!(
                "L'organisation n° {id} n'a proposé aucun CET du registre."
            )),
            None => Erreur::Introuvable(
                "Aucun CET du registre n'a été proposé par une organisation.".into(),
            ),
        });
    }
    Ok(v)
}

/// Une lettre par organisation proposante, séparées par un saut de page.
pub fn lettres_organisations(
    conn: &Connection,
    organisation_id: Option<i64>,
    aujourdhui: NaiveDate,
) -> Resultat<Rapport> {
    let mut blocs = Vec::new();
    for (i, (id, nom)) in organisations(conn, organisation_id)?
        .into_iter()
        .enumerate()
    {
        if i > 0 {
            blocs.push(Bloc::SautDePage);
        }
        let cet = tous(
            conn,
            FiltreCet {
                organisation_id: Some(id),
                ..Default::default()
            },
            aujourdhui,
        )?
        .into_iter()
        .filter(|x| x.organisation_proposante_id == Some(id))
        .collect::<Vec<_>>();
        let nommes = cet.iter().filter(|x| x.date_arrete.is_some()).count();
        let mut secteurs: Vec<String> = cet
            .iter()
            .map(|x| x.secteur.clone())
            .filter(|s| !s.is_empty())
            .collect();
        secteurs.sort();
        secteurs.dedup();
        blocs.extend([
            Bloc::Paragraphe(format!("Le {}", dates::francaise(aujourdhui))),
            Bloc::ParagrapheGras(format!("À l'attention de : {nom}")),
            Bloc::ParagrapheGras("Objet : conseillers entreprise pour l'École proposés par votre organisation".into()),
            Bloc::Paragraphe("Madame, Monsieur,".into()),
            Bloc::Paragraphe(format!(
                "Votre organisation a proposé {} professionnel(s) aux fonctions de conseiller entreprise pour l'École ; {} ont été nommé(s) par arrêté du recteur. \
                 Vous trouverez ci-dessous leur situation, leur secteur et la durée de leur mandat, afin que vous puissiez les associer à vos actions.",
                cet.len(),
                nommes
            )),
            Bloc::tableau(
                vec![Colonne::texte("Conseiller", 2.2), Colonne::texte("Secteur et CPC", 2.6), Colonne::texte("Mandat", 2.0), Colonne::texte("Nomination", 2.2)],
                cet.iter()
                    .map(|x| {
                        vec![
                            format!("{} {} {}", x.civilite, x.nom, x.prenom).trim().to_string(),
                            [x.secteur.as_str(), x.cpc.as_deref().unwrap_or("")].iter().filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join(" – "),
                            mandat(x),
                            nomination(x),
                        ]
                    })
                    .collect(),
            ),
            Bloc::Paragraphe(if secteurs.is_empty() { "Secteurs : non renseignés.".into() } else { format!("Secteurs représentés : {}.", secteurs.join(", ")) }),
            Bloc::Paragraphe("Nous restons à votre disposition pour toute proposition de nouveaux conseillers et pour l'animation de ce réseau.".into()),
            Bloc::Paragraphe("Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.".into()),
            Bloc::ParagrapheGras("Le délégué académique aux enseignements techniques".into()),
        ]);
    }
    Ok(Rapport {
        titre: "Retour aux organisations professionnelles".into(),
        entete: "Passerelle – conseillers entreprise pour l'École".into(),
        couverture: None,
        blocs,
    })
}

/// Le même retour en CSV : une ligne par CET proposé.
pub fn csv_organisations(
    conn: &Connection,
    organisation_id: Option<i64>,
    aujourdhui: NaiveDate,
) -> Resultat<String> {
    let mut lignes = vec![[
        "organisation",
        "civilite",
        "nom",
        "prenom",
        "secteur",
        "cpc",
        "debut_mandat",
        "fin_mandat",
        "date_arrete",
        "nomination",
    ]
    .map(String::from)
    .to_vec()];
    for (id, nom) in organisations(conn, organisation_id)? {
        for x in tous(
            conn,
            FiltreCet {
                organisation_id: Some(id),
                ..Default::default()
            },
            aujourdhui,
        )?
        .into_iter()
        .filter(|x| x.organisation_proposante_id == Some(id))
        {
            let d = |v: Option<NaiveDate>| v.map(dates::francaise).unwrap_or_default();
            lignes.push(vec![
                nom.clone(),
                x.civilite.clone(),
                x.nom.clone(),
                x.prenom.clone(),
                x.secteur.clone(),
                x.cpc.clone().unwrap_or_default(),
                d(x.debut_mandat),
                d(x.fin_mandat),
                d(x.date_arrete),
                nomination(&x),
            ]);
        }
    }
    Ok(crate::csv::ecrire(&lignes))
}

/// Avis à l'employeur : son salarié a été nommé conseiller entreprise pour l'École.
pub fn avis_employeur(conn: &Connection, cet_id: i64, aujourdhui: NaiveDate) -> Resultat<Rapport> {
    let x = registre::lire(conn, cet_id)?;
    let employeur = x.employeur.clone().ok_or_else(|| {
        Erreur::validation(
            "employeur_id",
            "Ce CET n'a pas d'employeur enregistré : l'avis ne peut pas être adressé.",
        )
    })?;
    let (Some(debut), Some(fin)) = (x.debut_mandat, x.fin_mandat) else {
        return Err(Erreur::validation(
            "mandat",
            "Ce CET n'a pas de mandat enregistré.",
        ));
    };
    let qui = format!("{} {} {}", x.civilite, x.prenom, x.nom)
        .trim()
        .to_string();
    let missions: Vec<String> = x
        .missions
        .iter()
        .map(|m| Mission::libelle_de(m).to_string())
        .collect();
    let blocs = vec![
        Bloc::Paragraphe(format!("Le {}", dates::francaise(aujourdhui))),
        Bloc::ParagrapheGras(format!("À l'attention de la direction de : {employeur}")),
        Bloc::ParagrapheGras(format!("Objet : nomination de {qui} en qualité de conseiller entreprise pour l'École")),
        Bloc::Paragraphe("Madame, Monsieur,".into()),
        Bloc::Paragraphe(format!(
            "J'ai le plaisir de vous informer que {qui}, membre de votre entreprise, a été nommé(e) conseiller entreprise pour l'École{}{}, \
             pour la période du {} au {}{}.",
            if x.secteur.is_empty() { String::new() } else { format!(" pour le secteur « {} »", x.secteur) },
            x.cpc.as_ref().map(|c| format!(" (CPC {c})")).unwrap_or_default(),
            dates::francaise(debut),
            dates::francaise(fin),
            x.date_arrete.map(|d| format!(", par arrêté du recteur du {}", dates::francaise(d))).unwrap_or_default(),
        )),
        Bloc::Paragraphe(if missions.is_empty() {
            "Ses missions portent sur la relation entre l'École et les entreprises de son secteur.".into()
        } else {
            format!("Ses missions : {}.", missions.join(", "))
        }),
        Bloc::Paragraphe("Ces missions s'exercent bénévolement, en lien avec les établissements, les corps d'inspection et les services du rectorat. Votre appui lui permettra de les mener dans de bonnes conditions ; je vous en remercie.".into()),
        Bloc::Paragraphe("Veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées.".into()),
        Bloc::ParagrapheGras("Le délégué académique aux enseignements techniques".into()),
    ];
    Ok(Rapport {
        titre: format!("Avis de nomination – {qui}"),
        entete: "Passerelle – conseillers entreprise pour l'École".into(),
        couverture: None,
        blocs,
    })
}

/// Lettres aux organisations (PDF) ou leur CSV, selon `csv`.
pub fn produire_retour(
    conn: &Connection,
    organisation_id: Option<i64>,
    csv: bool,
) -> Resultat<Vec<u8>> {
    let aujourdhui = chrono::Local::now().date_naive();
    if csv {
        Ok(csv_organisations(conn, organisation_id, aujourdhui)?.into_bytes())
    } else {
        rendre_pdf(&lettres_organisations(conn, organisation_id, aujourdhui)?)
    }
}

pub fn avis_employeur_pdf(conn: &Connection, cet_id: i64) -> Resultat<Vec<u8>> {
    rendre_pdf(&avis_employeur(
        conn,
        cet_id,
        chrono::Local::now().date_naive(),
    )?)
}

/// Écrit les lettres (ou le CSV) dans `dossier` (« retour-organisations-7.pdf ») ; rend le chemin.
pub fn exporter_retour(
    conn: &Connection,
    organisation_id: Option<i64>,
    csv: bool,
    dossier: &std::path::Path,
) -> Resultat<std::path::PathBuf> {
    let nom = format!(
        "retour-organisations{}.{}",
        organisation_id.map(|o| format!("-{o}")).unwrap_or_default(),
        if csv { "csv" } else { "pdf" }
    );
    crate::bilans::ecrire(dossier, &nom, &produire_retour(conn, organisation_id, csv)?)
}

/// Écrit l'avis à l'employeur dans `dossier` (« avis-employeur-cet-12.pdf ») ; rend le chemin.
pub fn exporter_avis(
    conn: &Connection,
    cet_id: i64,
    dossier: &std::path::Path,
) -> Resultat<std::path::PathBuf> {
    crate::bilans::ecrire(
        dossier,
        &format!("avis-employeur-cet-{cet_id}.pdf"),
        &avis_employeur_pdf(conn, cet_id)?,
    )
}
