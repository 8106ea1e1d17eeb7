//! Mise en page des documents d'une réunion : compte rendu, convocation, feuille d'émargement,
//! invitation iCalendar. Rien ici ne lit la base.

use super::{libelle_college, ModeleReunion};
use crate::dates;
use crate::rapport::{Bloc, Colonne, Rapport};
use crate::reunions::{Cadre, EtatPresence, Presence, Reunion};
use crate::vocabulaire::Code;
use chrono::NaiveDateTime;

/// « 24/11/2026 à 14h00, Lycée Jean Bart, Dunkerque ».
pub fn quand_et_ou(r: &Reunion) -> String {
    let mut t = dates::francaise(r.date);
    if !r.heure.is_empty() {
        t += &format!(" à {}", r.heure);
    }
    if !r.lieu.is_empty() {
        t += &format!(", {}", r.lieu);
    }
    t
}

/// Tableau d'émargement : une ligne par personne attendue, plus trois lignes libres.
pub fn bloc_emargement(personnes: &[(String, String)]) -> Bloc {
    let libre = || vec![String::new(), String::new(), "\n\n".into()];
    Bloc::tableau(
        vec![
            Colonne::texte("Nom", 2.2),
            Colonne::texte("Fonction et structure", 3.2),
            Colonne::texte("Signature", 2.6),
        ],
        personnes
            .iter()
            .map(|(n, f)| vec![n.clone(), f.clone(), "\n\n".into()])
            .chain((0..3).map(|_| libre()))
            .collect(),
    )
}

/// « NOM Prénom – fonction », ou le nom seul.
fn nom_et_fonction(p: &Presence) -> String {
    if p.fonction.is_empty() {
        p.nom_officiel.clone()
    } else {
        format!("{} – {}", p.nom_officiel, p.fonction)
    }
}

fn liste_par_etat(presences: &[Presence], etat: EtatPresence) -> String {
    let noms: Vec<String> = presences
        .iter()
        .filter(|p| p.etat == Some(etat))
        .map(nom_et_fonction)
        .collect();
    if noms.is_empty() {
        "personne".into()
    } else {
        noms.join(" ; ")
    }
}

/// Compte rendu (relevé de décisions) d'une réunion.
pub fn rendre_compte_rendu(m: &ModeleReunion) -> Rapport {
    let r = &m.reunion;
    let titre_cadre = &m.titre_cadre;
    let mot = match r.cadre {
        Cadre::Convention(_) => "Relevé de décisions",
        Cadre::Comite(_) | Cadre::Reseau(_) => "Compte rendu",
    };
    let mut blocs = vec![
        Bloc::Titre1(format!("{mot} – {titre_cadre}")),
        Bloc::Paragraphe(format!("{} du {}.", r.type_.libelle(), quand_et_ou(r))),
    ];
    if let Some(c) = &r.convention_liee {
        blocs.push(Bloc::Paragraphe(format!(
            "Réunion rattachée à la convention « {c} »."
        )));
    }
    for (etat, titre) in [
        (EtatPresence::Present, "Étaient présents :"),
        (EtatPresence::Excuse, "Étaient excusés :"),
        (EtatPresence::Absent, "Étaient absents :"),
    ] {
        blocs.push(Bloc::ParagrapheGras(titre.into()));
        blocs.push(Bloc::Paragraphe(liste_par_etat(&m.presences, etat)));
    }
    for (i, p) in m.points.iter().enumerate() {
        blocs.push(Bloc::Titre2(format!("{}. {}", i + 1, p.intitule)));
        blocs.push(Bloc::Paragraphe(if p.compte_rendu.is_empty() {
            "Pas de compte rendu pour ce point.".into()
        } else {
            p.compte_rendu.clone()
        }));
    }
    blocs.extend(decisions_et_actions(m));
    document_de_reunion((mot, &mot.to_lowercase()), r, titre_cadre, blocs)
}

/// Un document d'une réunion, sans couverture : titre « Convocation – CLEE … », en-tête
/// « Passerelle – convocation du 12/03/2026 – CLEE … » (`nom` : le nom du document et son nom
/// dans l'en-tête).
fn document_de_reunion(
    nom: (&str, &str),
    r: &Reunion,
    intitule: &str,
    blocs: Vec<Bloc>,
) -> Rapport {
    Rapport {
        titre: format!("{} – {intitule}", nom.0),
        entete: format!(
            "Passerelle – {} du {} – {intitule}",
            nom.1,
            dates::francaise(r.date)
        ),
        couverture: None,
        blocs,
    }
}

/// Fin du compte rendu : décisions, puis actions nouvelles.
fn decisions_et_actions(m: &ModeleReunion) -> Vec<Bloc> {
    vec![
        Bloc::Titre1("Décisions".into()),
        if m.decisions.is_empty() {
            Bloc::Paragraphe("Aucune décision.".into())
        } else {
            Bloc::Liste(m.decisions.clone())
        },
        Bloc::Titre1("Actions".into()),
        if m.actions.is_empty() {
            Bloc::Paragraphe("Aucune action nouvelle.".into())
        } else {
            Bloc::tableau(
                vec![
                    Colonne::texte("Action", 4.0),
                    Colonne::texte("Responsable", 2.0),
                    Colonne::texte("Échéance", 1.3),
                ],
                m.actions
                    .iter()
                    .map(|a| {
                        vec![
                            a.intitule.clone(),
                            a.responsable.clone().unwrap_or_default(),
                            a.echeance.map(dates::francaise).unwrap_or_default(),
                        ]
                    })
                    .collect(),
            )
        },
    ]
}

/// Convocation : date, lieu, ordre du jour, personnes convoquées par collège.
pub fn rendre_convocation(m: &ModeleReunion) -> Rapport {
    rendre_convocation_completee(m, Vec::new())
}

/// La convocation, avec des blocs propres au cadre (thème d'une animation…) après la date.
pub fn rendre_convocation_completee(m: &ModeleReunion, complement: Vec<Bloc>) -> Rapport {
    let r = &m.reunion;
    let titre = m.intitule();
    let mut blocs = vec![
        Bloc::Titre1(format!("Convocation – {titre}")),
        Bloc::Paragraphe(format!(
            "Vous êtes invité(e) à la réunion du {}.",
            quand_et_ou(r)
        )),
    ];
    blocs.extend(complement);
    blocs.extend([
        Bloc::Titre2("Ordre du jour".into()),
        Bloc::liste_numerotee(&m.ordre_du_jour),
        Bloc::Titre2("Personnes convoquées".into()),
    ]);
    blocs.extend(convoques(m));
    blocs.push(Bloc::Note("Merci de signaler votre présence ou votre absence avant la réunion. En cas d'empêchement, vous pouvez vous faire représenter.".into()));
    document_de_reunion(("Convocation", "convocation"), r, &titre, blocs)
}

/// Les personnes convoquées, par groupe : collèges d'un comité, membres d'un groupe de suivi,
/// invités.
fn convoques(m: &ModeleReunion) -> Vec<Bloc> {
    let mut groupes: Vec<(&str, Vec<String>)> = Vec::new();
    for p in &m.presences {
        let groupe = if p.invite {
            "Invités"
        } else if matches!(m.reunion.cadre, Cadre::Comite(_)) {
            libelle_college(p.college)
        } else {
            "Membres du groupe de suivi"
        };
        let ligne = nom_et_fonction(p);
        match groupes.iter_mut().find(|(g, _)| *g == groupe) {
            Some((_, v)) => v.push(ligne),
            None => groupes.push((groupe, vec![ligne])),
        }
    }
    let mut blocs = Vec::new();
    if groupes.is_empty() {
        blocs.push(Bloc::Paragraphe(
            "Aucune personne convoquée pour l'instant.".into(),
        ));
    }
    for (g, noms) in groupes {
        blocs.push(Bloc::Titre3(g.into()));
        blocs.push(Bloc::Liste(noms));
    }
    blocs
}

/// Feuille d'émargement : membres puis invités, avec une colonne pour signer.
pub fn rendre_emargement(m: &ModeleReunion) -> Rapport {
    let r = &m.reunion;
    let titre = m.intitule();
    let personnes: Vec<(String, String)> = m
        .presences
        .iter()
        .map(|p| (p.nom_officiel.clone(), p.fonction.clone()))
        .collect();
    document_de_reunion(
        ("Feuille d'émargement", "émargement"),
        r,
        &titre,
        vec![
            Bloc::Titre1("Feuille d'émargement".into()),
            Bloc::Paragraphe(format!("{titre}, {}.", quand_et_ou(r))),
            bloc_emargement(&personnes),
        ],
    )
}

/// Invitation iCalendar de deux heures (9h30 si l'heure n'est pas lisible) ; les personnes qui
/// ont un courriel en sont les participants. `maintenant` : horodatage du fichier (UTC).
pub fn rendre_invitation_ics(m: &ModeleReunion, maintenant: NaiveDateTime) -> String {
    use crate::ics::{Evenement, Participant, Quand};
    let r = &m.reunion;
    let debut = {
        let (h, m) = r
            .heure
            .split_once('h')
            .and_then(|(h, m)| Some((h.parse().ok()?, m.parse().unwrap_or(0))))
            .unwrap_or((9, 30));
        r.date
            .and_hms_opt(h, m, 0)
            .unwrap_or_else(|| r.date.and_hms_opt(9, 30, 0).expect("heure fixe"))
    };
    let participants = m
        .presences
        .iter()
        .filter(|p| !p.email.is_empty())
        .map(|p| Participant {
            nom: p.nom_officiel.clone(),
            email: p.email.clone(),
        })
        .collect();
    let e = Evenement {
        uid: format!("reunion-{}@passerelle", r.id),
        quand: Quand::Horaire {
            debut,
            fin: debut + chrono::Duration::hours(2),
        },
        resume: m.intitule(),
        description: m.ordre_du_jour.join("\n"),
        lieu: r.lieu.clone(),
        organisateur: None,
        participants,
    };
    crate::ics::calendrier(&[e], maintenant)
}
