//! Les documents d'une réunion, pour un groupe de suivi comme pour un comité : convocation
//! (PDF et invitation `.ics`), feuille d'émargement, compte rendu dans la forme habituelle
//! (présents, excusés, absents, points numérotés, décisions, actions).

use super::{lire, Cadre, College, EtatPresence, Presence, Reunion};
use crate::rapport::{rendre_pdf, Bloc, Colonne, Rapport};
use crate::vocabulaire::Code;
use crate::{dates, Erreur, Resultat};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

pub fn libelle_college(college: Option<College>) -> &'static str {
    college.map_or("Invités", |c| c.libelle())
}

/// « Réunion du groupe de suivi », « Comité de pilotage »… suivi du nom du cadre.
fn intitule(conn: &Connection, r: &Reunion) -> Resultat<String> {
    Ok(format!("{} – {}", r.type_.libelle(), r.cadre.titre(conn)?))
}

/// « 24/11/2026 à 14h00, Lycée Jean Bart, Dunkerque ».
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

fn liste_par_etat(presences: &[Presence], etat: EtatPresence) -> String {
    let noms: Vec<String> = presences
        .iter()
        .filter(|p| p.etat == Some(etat))
        .map(|p| {
            if p.fonction.is_empty() {
                p.nom_officiel.clone()
            } else {
                format!("{} – {}", p.nom_officiel, p.fonction)
            }
        })
        .collect();
    if noms.is_empty() {
        "personne".into()
    } else {
        noms.join(" ; ")
    }
}

/// Compte rendu (relevé de décisions) d'une réunion.
pub fn compte_rendu(conn: &Connection, reunion_id: i64) -> Resultat<Rapport> {
    let r = lire(conn, reunion_id)?;
    let titre_cadre = r.cadre.titre(conn)?;
    let presences = super::presences(conn, reunion_id)?;
    let mot = match r.cadre {
        Cadre::Convention(_) => "Relevé de décisions",
        Cadre::Comite(_) | Cadre::Reseau(_) => "Compte rendu",
    };
    let mut blocs = vec![
        Bloc::Titre1(format!("{mot} – {titre_cadre}")),
        Bloc::Paragraphe(format!("{} du {}.", r.type_.libelle(), quand_et_ou(&r))),
    ];
    if let Some(c) = &r.convention_liee {
        blocs.push(Bloc::Paragraphe(format!(
            "Réunion rattachée à la convention « {c} »."
        )));
    }
    for (etat, titre) in [
        (EtatPresence::Present, "Étaient présents :"),
        (EtatPresence::Excuse, "Étaient excusés :"),
        (EtatPresence::Absent, "Étaient absents :"),
    ] {
        blocs.push(Bloc::ParagrapheGras(titre.into()));
        blocs.push(Bloc::Paragraphe(liste_par_etat(&presences, etat)));
    }
    for (i, p) in super::points(conn, reunion_id)?.iter().enumerate() {
        blocs.push(Bloc::Titre2(format!("{}. {}", i + 1, p.intitule)));
        blocs.push(Bloc::Paragraphe(if p.compte_rendu.is_empty() {
            "Pas de compte rendu pour ce point.".into()
        } else {
            p.compte_rendu.clone()
        }));
    }
    blocs.push(Bloc::Titre1("Décisions".into()));
    let decisions = super::decisions(conn, reunion_id)?;
    blocs.push(if decisions.is_empty() {
        Bloc::Paragraphe("Aucune décision.".into())
    } else {
        Bloc::Liste(decisions)
    });
    blocs.push(Bloc::Titre1("Actions".into()));
    let actions = super::actions_decidees(conn, reunion_id)?;
    blocs.push(if actions.is_empty() {
        Bloc::Paragraphe("Aucune action nouvelle.".into())
    } else {
        Bloc::tableau(
            vec![
                Colonne::texte("Action", 4.0),
                Colonne::texte("Responsable", 2.0),
                Colonne::texte("Échéance", 1.3),
            ],
            actions
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
    });
    Ok(Rapport {
        titre: format!("{mot} – {titre_cadre}"),
        entete: format!(
            "Passerelle – {} du {} – {titre_cadre}",
            mot.to_lowercase(),
            dates::francaise(r.date)
        ),
        couverture: None,
        blocs,
    })
}

/// Convocation : date, lieu, ordre du jour, personnes convoquées par collège.
pub fn convocation(conn: &Connection, reunion_id: i64) -> Resultat<Rapport> {
    convocation_completee(conn, reunion_id, Vec::new())
}

/// La convocation, avec des blocs propres au cadre (thème d'une animation…) après la date.
pub fn convocation_completee(
    conn: &Connection,
    reunion_id: i64,
    complement: Vec<Bloc>,
) -> Resultat<Rapport> {
    let r = lire(conn, reunion_id)?;
    let titre = intitule(conn, &r)?;
    let presences = super::presences(conn, reunion_id)?;
    let mut blocs = vec![
        Bloc::Titre1(format!("Convocation – {titre}")),
        Bloc::Paragraphe(format!(
            "Vous êtes invité(e) à la réunion du {}.",
            quand_et_ou(&r)
        )),
    ];
    blocs.extend(complement);
    blocs.extend([
        Bloc::Titre2("Ordre du jour".into()),
        Bloc::Liste(
            super::ordre_du_jour(conn, reunion_id)?
                .into_iter()
                .enumerate()
                .map(|(i, p)| format!("{}. {p}", i + 1))
                .collect(),
        ),
        Bloc::Titre2("Personnes convoquées".into()),
    ]);
    let mut groupes: Vec<(&str, Vec<String>)> = Vec::new();
    for p in &presences {
        let groupe = if p.invite {
            "Invités"
        } else if matches!(r.cadre, Cadre::Comite(_)) {
            libelle_college(p.college)
        } else {
            "Membres du groupe de suivi"
        };
        let ligne = if p.fonction.is_empty() {
            p.nom_officiel.clone()
        } else {
            format!("{} – {}", p.nom_officiel, p.fonction)
        };
        match groupes.iter_mut().find(|(g, _)| *g == groupe) {
            Some((_, v)) => v.push(ligne),
            None => groupes.push((groupe, vec![ligne])),
        }
    }
    if groupes.is_empty() {
        blocs.push(Bloc::Paragraphe(
            "Aucune personne convoquée pour l'instant.".into(),
        ));
    }
    for (g, noms) in groupes {
        blocs.push(Bloc::Titre3(g.into()));
        blocs.push(Bloc::Liste(noms));
    }
    blocs.push(Bloc::Note("Merci de signaler votre présence ou votre absence avant la réunion. En cas d'empêchement, vous pouvez vous faire représenter.".into()));
    Ok(Rapport {
        titre: format!("Convocation – {titre}"),
        entete: format!(
            "Passerelle – convocation du {} – {titre}",
            dates::francaise(r.date)
        ),
        couverture: None,
        blocs,
    })
}

/// Feuille d'émargement : membres puis invités, avec une colonne pour signer.
pub fn feuille_d_emargement(conn: &Connection, reunion_id: i64) -> Resultat<Rapport> {
    let r = lire(conn, reunion_id)?;
    let titre = intitule(conn, &r)?;
    let personnes: Vec<(String, String)> = super::presences(conn, reunion_id)?
        .into_iter()
        .map(|p| (p.nom_officiel, p.fonction))
        .collect();
    Ok(Rapport {
        titre: format!("Feuille d'émargement – {titre}"),
        entete: format!(
            "Passerelle – émargement du {} – {titre}",
            dates::francaise(r.date)
        ),
        couverture: None,
        blocs: vec![
            Bloc::Titre1("Feuille d'émargement".into()),
            Bloc::Paragraphe(format!("{titre}, {}.", quand_et_ou(&r))),
            bloc_emargement(&personnes),
        ],
    })
}

/// Invitation iCalendar : les personnes de la liste qui ont un courriel en sont les participants.
pub fn invitation_ics(conn: &Connection, reunion_id: i64) -> Resultat<String> {
    use crate::ics::{Evenement, Participant, Quand};
    let r = lire(conn, reunion_id)?;
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
    let participants = super::presences(conn, reunion_id)?
        .into_iter()
        .filter(|p| !p.email.is_empty())
        .map(|p| Participant {
            nom: p.nom_officiel,
            email: p.email,
        })
        .collect();
    let e = Evenement {
        uid: format!("reunion-{}@passerelle", r.id),
        quand: Quand::Horaire {
            debut,
            fin: debut + chrono::Duration::hours(2),
        },
        resume: intitule(conn, &r)?,
        description: super::ordre_du_jour(conn, reunion_id)?.join("\n"),
        lieu: r.lieu.clone(),
        organisateur: None,
        participants,
    };
    Ok(crate::ics::calendrier(&[e], chrono::Utc::now().naive_utc()))
}

/// Ce qu'on peut tirer d'une réunion : `quoi` = compte-rendu (ou releve), convocation,
/// emargement, invitation. Rend les octets et un nom de fichier.
pub fn produire(conn: &Connection, reunion_id: i64, quoi: &str) -> Resultat<(Vec<u8>, String)> {
    Ok(match quoi {
        "compte-rendu" | "releve" => (
            rendre_pdf(&compte_rendu(conn, reunion_id)?)?,
            format!("compte-rendu-reunion-{reunion_id}.pdf"),
        ),
        "convocation" => (
            rendre_pdf(&convocation(conn, reunion_id)?)?,
            format!("convocation-reunion-{reunion_id}.pdf"),
        ),
        "emargement" => (
            rendre_pdf(&feuille_d_emargement(conn, reunion_id)?)?,
            format!("emargement-reunion-{reunion_id}.pdf"),
        ),
        "invitation" => (
            invitation_ics(conn, reunion_id)?.into_bytes(),
            format!("invitation-reunion-{reunion_id}.ics"),
        ),
        autre => {
            return Err(Erreur::validation(
                "quoi",
                format!("Document inconnu : « {autre} »."),
            ))
        }
    })
}

/// Écrit le document dans `dossier_sortie` ; rend le chemin.
pub fn exporter(
    conn: &Connection,
    reunion_id: i64,
    quoi: &str,
    dossier_sortie: &Path,
) -> Resultat<PathBuf> {
    let (octets, nom) = produire(conn, reunion_id, quoi)?;
    crate::bilans::ecrire(dossier_sortie, &nom, &octets)
}
