//! Mise en page des documents des CET : lettres et CSV du retour aux organisations, avis à
//! l'employeur, invitation à une animation, publipostage. Rien ici ne lit la base.

use super::{ModeleAvisEmployeur, ModeleInvitation, ModeleRetour, Proposante};
use crate::cet::registre::{Cet, Mission};
use crate::dates;
use crate::rapport::{Bloc, Colonne, Rapport};
use crate::reunions::documents::rendre_convocation_completee;
use crate::vocabulaire::Code;
use chrono::NaiveDate;

/// Nomination : l'arrêté du mandat en cours, ou « proposé » tant qu'aucun arrêté n'est daté.
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

/// Une lettre par organisation proposante, séparées par un saut de page.
pub fn rendre_retour(m: &ModeleRetour) -> Rapport {
    let mut blocs = Vec::new();
    for (i, o) in m.organisations.iter().enumerate() {
        if i > 0 {
            blocs.push(Bloc::SautDePage);
        }
        blocs.extend(lettre_organisation(o, m.jour));
    }
    Rapport {
        titre: "Retour aux organisations professionnelles".into(),
        entete: "Passerelle – conseillers entreprise pour l'École".into(),
        couverture: None,
        blocs,
    }
}

/// La lettre à une organisation : ses CET, leur secteur, leur mandat, leur nomination.
fn lettre_organisation(o: &Proposante, jour: NaiveDate) -> Vec<Bloc> {
    let cet = &o.cet;
    let nommes = cet.iter().filter(|x| x.date_arrete.is_some()).count();
    let mut secteurs: Vec<String> = cet
        .iter()
        .map(|x| x.secteur.clone())
        .filter(|s| !s.is_empty())
        .collect();
    secteurs.sort();
    secteurs.dedup();
    vec![
        Bloc::Paragraphe(format!("Le {}", dates::francaise(jour))),
        Bloc::ParagrapheGras(format!("À l'attention de : {}", o.nom)),
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
    ]
}

/// Le même retour en CSV : une ligne par CET proposé.
pub fn rendre_retour_csv(m: &ModeleRetour) -> String {
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
    let d = |v: Option<NaiveDate>| v.map(dates::francaise).unwrap_or_default();
    for o in &m.organisations {
        for x in &o.cet {
            lignes.push(vec![
                o.nom.clone(),
                x.civilite.clone(),
                x.nom.clone(),
                x.prenom.clone(),
                x.secteur.clone(),
                x.cpc.clone().unwrap_or_default(),
                d(x.debut_mandat),
                d(x.fin_mandat),
                d(x.date_arrete),
                nomination(x),
            ]);
        }
    }
    crate::csv::ecrire(&lignes)
}

/// Avis à l'employeur : son salarié a été nommé conseiller entreprise pour l'École.
pub fn rendre_avis_employeur(m: &ModeleAvisEmployeur) -> Rapport {
    let x = &m.cet;
    let qui = format!("{} {} {}", x.civilite, x.prenom, x.nom)
        .trim()
        .to_string();
    let missions: Vec<String> = x
        .missions
        .iter()
        .map(|m| Mission::libelle_de(m).to_string())
        .collect();
    let blocs = vec![
        Bloc::Paragraphe(format!("Le {}", dates::francaise(m.jour))),
        Bloc::ParagrapheGras(format!("À l'attention de la direction de : {}", m.employeur)),
        Bloc::ParagrapheGras(format!("Objet : nomination de {qui} en qualité de conseiller entreprise pour l'École")),
        Bloc::Paragraphe("Madame, Monsieur,".into()),
        Bloc::Paragraphe(format!(
            "J'ai le plaisir de vous informer que {qui}, membre de votre entreprise, a été nommé(e) conseiller entreprise pour l'École{}{}, \
             pour la période du {} au {}{}.",
            if x.secteur.is_empty() { String::new() } else { format!(" pour le secteur « {} »", x.secteur) },
            x.cpc.as_ref().map(|c| format!(" (CPC {c})")).unwrap_or_default(),
            dates::francaise(m.debut),
            dates::francaise(m.fin),
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
    Rapport {
        titre: format!("Avis de nomination – {qui}"),
        entete: "Passerelle – conseillers entreprise pour l'École".into(),
        couverture: None,
        blocs,
    }
}

/// Invitation : la convocation commune, complétée du thème, des secteurs et des co-organisateurs.
pub fn rendre_invitation(m: &ModeleInvitation) -> Rapport {
    let mut complement = Vec::new();
    if !m.theme.is_empty() {
        complement.push(Bloc::ParagrapheGras(format!("Thème : {}", m.theme)));
    }
    if !m.secteurs.is_empty() {
        complement.push(Bloc::Paragraphe(format!(
            "Secteurs concernés : {}.",
            m.secteurs.join(", ")
        )));
    }
    if !m.coorganisateurs.is_empty() {
        complement.push(Bloc::Paragraphe(format!(
            "Animation organisée avec : {}.",
            m.coorganisateurs
        )));
    }
    rendre_convocation_completee(&m.reunion, complement)
}

/// Publipostage en CSV (UTF-8 avec BOM, « ; ») : l'en-tête puis une ligne par invité.
pub fn rendre_publipostage_csv(invites: &[Vec<String>]) -> String {
    let mut lignes = vec![[
        "civilite",
        "nom",
        "prenom",
        "email",
        "secteur",
        "organisation",
    ]
    .map(String::from)
    .to_vec()];
    lignes.extend_from_slice(invites);
    crate::csv::ecrire(&lignes)
}
