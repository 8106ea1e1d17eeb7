//! CLEE : comités et membres par collège, réunions (présences, invités, actions reportées),
//! documents (compte rendu, convocation, émargement, invitation .ics relue), actions vers les
//! élèves et bilan annuel, contrôlés jusqu'au texte des PDF.

use chrono::NaiveDate;
use icalendar::Component;
use passerelle_core::annuaire::{academies, bassins, etablissements, organisations, personnes};
use passerelle_core::clee::actions::{self, SaisieActionClee};
use passerelle_core::clee::bilan::{self, Perimetre};
use passerelle_core::clee::comites::{self, SaisieComite, SaisieMembre};
use passerelle_core::reunions::{self, documents, Cadre, SaisieActionSuivi, SaisieReunion};
use passerelle_core::{base, dates, rapport, Connection};

mod common;
use common::{compter, evenements_ics, octets_pdf_en_ligne, participants_ics};

/// Un petit annuaire : un bassin à Lille, un à Lyon, un lycée, une entreprise, six personnes.
struct Monde {
    lille: i64,
    lyon: i64,
    bassin_lens: i64,
    bassin_lyon: i64,
    lycee: i64,
    entreprise: i64,
    /// proviseure, chef d'entreprise, principal, conseillère mission locale, élue, invité
    p: [i64; 6],
}

fn monde(c: &Connection) -> Monde {
    let lille = academies::trouver(c, "Lille").unwrap().id;
    let lyon = academies::trouver(c, "Lyon").unwrap().id;
    let bassin = |a: i64, nom: &str| {
        bassins::creer(
            c,
            &bassins::SaisieBassin {
                nom: nom.into(),
                academie_id: Some(a),
            },
        )
        .unwrap()
        .id
    };
    let (bassin_lens, bassin_lyon) = (bassin(lille, "Lens-Liévin"), bassin(lyon, "Lyon Centre"));
    let lycee = etablissements::creer(
        c,
        &etablissements::SaisieEtablissement {
            uai: "0621952K".into(),
            nom: "Lycée Jean-Moulin".into(),
            type_: "lp".into(),
            commune: "Lens".into(),
            academie_id: Some(lille),
            bassin_id: Some(bassin_lens),
        },
    )
    .unwrap()
    .id;
    let entreprise = organisations::creer(
        c,
        &organisations::SaisieOrganisation {
            type_: "entreprise".into(),
            nom: "Artois Emballages".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let personne = |civ: &str,
                    nom: &str,
                    prenom: &str,
                    fonction: &str,
                    email: &str,
                    org: Option<i64>,
                    etab: Option<i64>| {
        let s = personnes::SaisiePersonne {
            civilite: civ.into(),
            nom: nom.into(),
            prenom: prenom.into(),
            fonction: fonction.into(),
            email: email.into(),
            organisation_id: org,
            etablissement_id: etab,
            ..Default::default()
        };
        personnes::creer(c, &s).unwrap().id
    };
    let p = [
        personne(
            "Mme",
            "Durand",
            "Claire",
            "Proviseure",
            "claire.durand@ac-lille.fr",
            None,
            Some(lycee),
        ),
        personne(
            "Mme",
            "Arnaud",
            "Claire",
            "Directrice",
            "claire.arnaud@artois.fr",
            Some(entreprise),
            None,
        ),
        personne(
            "M.",
            "Morel",
            "Karim",
            "Principal",
            "karim.morel@ac-lille.fr",
            None,
            None,
        ),
        personne(
            "Mme",
            "Leroux",
            "Nadia",
            "Conseillère en insertion",
            "",
            None,
            None,
        ),
        personne(
            "Mme",
            "Morel",
            "Sophie",
            "Élue",
            "sophie.morel@region.fr",
            None,
            None,
        ),
        personne(
            "M.",
            "Caron",
            "Paul",
            "Invité",
            "paul.caron@transport.fr",
            None,
            None,
        ),
    ];
    Monde {
        lille,
        lyon,
        bassin_lens,
        bassin_lyon,
        lycee,
        entreprise,
        p,
    }
}

fn comite_lens(c: &Connection, m: &Monde) -> i64 {
    let s = SaisieComite {
        nom: "CLEE de Lens-Liévin".into(),
        academie_id: Some(m.lille),
        bassin_ids: vec![m.bassin_lens],
        etablissement_support_id: Some(m.lycee),
        copilote_education_id: Some(m.p[0]),
        copilote_entreprise_id: Some(m.p[1]),
        date_charte: "15/09/2023".into(),
        ..Default::default()
    };
    let id = comites::creer(c, &s).unwrap().id;
    for (p, college) in [
        (m.p[2], "education"),
        (m.p[3], "emploi_insertion"),
        (m.p[4], "collectivites"),
    ] {
        comites::ajouter_membre(
            c,
            id,
            &SaisieMembre {
                personne_id: Some(p),
                college: college.into(),
                role: String::new(),
            },
        )
        .unwrap();
    }
    id
}

#[test]
fn comite_controle_et_copilotes_membres_de_leur_college() {
    let c = base::en_memoire().unwrap();
    let m = monde(&c);
    // Sans bassin, avec un bassin d'une autre académie, deux fois la même co-pilote : refusé, rien d'écrit.
    let mauvais = SaisieComite {
        nom: " ".into(),
        academie_id: Some(m.lille),
        bassin_ids: vec![m.bassin_lyon],
        copilote_education_id: Some(m.p[0]),
        copilote_entreprise_id: Some(m.p[0]),
        date_charte: "31/02/2024".into(),
        ..Default::default()
    };
    let e = comites::creer(&c, &mauvais)
        .unwrap_err()
        .to_string()
        .replace('\u{a0}', " ");
    for attendu in [
        "nom du comité",
        "pas dans l'académie",
        "deux personnes différentes",
        "Date de la charte",
    ] {
        assert!(e.contains(attendu), "« {attendu} » absent de : {e}");
    }
    let e = comites::creer(
        &c,
        &SaisieComite {
            nom: "X".into(),
            academie_id: Some(m.lille),
            ..Default::default()
        },
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("au moins un bassin"), "{e}");
    assert_eq!(compter(&c, "comite_clee"), 0);

    let id = comite_lens(&c, &m);
    let comite = comites::lire(&c, id).unwrap();
    assert_eq!(comite.bassins, "Lens-Liévin");
    assert_eq!(
        comite.date_charte,
        Some(NaiveDate::from_ymd_opt(2023, 9, 15).unwrap())
    );
    assert_eq!(comite.membres, 5);
    let membres = comites::membres(&c, id).unwrap();
    // Rangés par collège : éducation d'abord, puis monde économique, emploi, collectivités.
    let colleges: Vec<&str> = membres.iter().map(|x| x.college.as_str()).collect();
    assert_eq!(
        colleges,
        [
            "education",
            "education",
            "monde_economique",
            "emploi_insertion",
            "collectivites"
        ]
    );
    assert!(membres
        .iter()
        .any(|x| x.personne_id == m.p[1] && x.role == "Co-pilote"));
    let e = comites::ajouter_membre(
        &c,
        id,
        &SaisieMembre {
            personne_id: Some(m.p[2]),
            college: "education".into(),
            role: String::new(),
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("déjà membre"));
    let e = comites::ajouter_membre(
        &c,
        id,
        &SaisieMembre {
            personne_id: Some(m.p[5]),
            college: "touristes".into(),
            role: String::new(),
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("collège"), "{e}");
    // Une co-pilote ne se retire pas de la liste des membres.
    let copilote = membres.iter().find(|x| x.personne_id == m.p[0]).unwrap().id;
    assert!(comites::retirer_membre(&c, copilote)
        .unwrap_err()
        .to_string()
        .contains("co-pilote"));
    // Recherche et filtre par bassin.
    let f = comites::FiltreComites {
        bassin_id: Some(m.bassin_lens),
        ..Default::default()
    };
    assert_eq!(comites::lister(&c, &f).unwrap().total, 1);
    let f = comites::FiltreComites {
        liste: passerelle_core::liste::ParametresListe {
            recherche: "lievin".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(comites::lister(&c, &f).unwrap().total, 1);
    // L'établissement support ne se supprime pas tant que le comité le cite.
    let e = etablissements::supprimer(&c, m.lycee)
        .unwrap_err()
        .to_string();
    assert!(e.contains("comité local École-entreprise"), "{e}");
    // Un comité par bassin : un second comité actif sur Lens-Liévin est refusé ; en sommeil, il passe.
    let doublon = SaisieComite {
        nom: "Autre CLEE de Lens".into(),
        academie_id: Some(m.lille),
        bassin_ids: vec![m.bassin_lens],
        ..Default::default()
    };
    let e = comites::creer(&c, &doublon)
        .unwrap_err()
        .to_string()
        .replace('\u{a0}', " ");
    assert!(
        e.contains("« Lens-Liévin » a déjà son comité : « CLEE de Lens-Liévin »"),
        "{e}"
    );
    let en_sommeil = comites::creer(
        &c,
        &SaisieComite {
            statut: "en_sommeil".into(),
            ..doublon.clone()
        },
    )
    .unwrap();
    // Le réactiver est refusé de même ; modifier le comité d'origine reste possible.
    assert!(comites::modifier(
        &c,
        en_sommeil.id,
        &SaisieComite {
            statut: "actif".into(),
            ..doublon
        }
    )
    .is_err());
    assert!(comites::modifier(
        &c,
        id,
        &SaisieComite {
            nom: "CLEE de Lens-Liévin".into(),
            academie_id: Some(m.lille),
            bassin_ids: vec![m.bassin_lens],
            date_charte: "15/09/2023".into(),
            ..Default::default()
        }
    )
    .is_ok());
}

#[test]
fn reunion_de_comite_presences_invites_et_actions_reportees() {
    let c = base::en_memoire().unwrap();
    let m = monde(&c);
    let cadre = Cadre::Comite(comite_lens(&c, &m));
    // Un type de réunion de groupe de suivi n'a pas de sens pour un comité ; lieu double refusé.
    let e = reunions::creer(
        &c,
        cadre,
        &SaisieReunion {
            type_: "groupe_suivi".into(),
            date: "12/01/2026".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("type de réunion"));
    let double = SaisieReunion {
        type_: "pleniere".into(),
        date: "12/01/2026".into(),
        etablissement_id: Some(m.lycee),
        organisation_id: Some(m.entreprise),
        ..Default::default()
    };
    assert!(reunions::creer(&c, cadre, &double)
        .unwrap_err()
        .to_string()
        .contains("pas les deux"));
    assert_eq!(compter(&c, "reunion"), 0);

    let s = SaisieReunion {
        type_: "pleniere".into(),
        date: "12/01/2026".into(),
        heure: "14h".into(),
        lieu: "salle B12".into(),
        etablissement_id: Some(m.lycee),
        ..Default::default()
    };
    let r1 = reunions::creer(&c, cadre, &s).unwrap();
    assert_eq!(r1.lieu, "Lycée Jean-Moulin, Lens – salle B12");
    // Membres et invité sur la même liste ; l'invité n'a pas de collège.
    reunions::inviter(&c, r1.id, Some(m.p[5])).unwrap();
    assert!(reunions::inviter(&c, r1.id, Some(m.p[2]))
        .unwrap_err()
        .to_string()
        .contains("déjà"));
    reunions::marquer_presence(&c, r1.id, m.p[2], "excuse").unwrap();
    reunions::marquer_presence(&c, r1.id, m.p[4], "absent").unwrap();
    assert!(reunions::marquer_presence(&c, r1.id, m.p[4], "en retard").is_err());
    // Pointage rapide : tous les autres présents, sans toucher aux mentions déjà posées.
    let p = reunions::marquer_non_pointes_presents(&c, r1.id).unwrap();
    assert_eq!(p.len(), 6);
    let etat = |id: i64| {
        p.iter()
            .find(|x| x.personne_id == id)
            .unwrap()
            .etat
            .unwrap()
    };
    assert_eq!(
        [etat(m.p[0]), etat(m.p[2]), etat(m.p[4]), etat(m.p[5])],
        ["present", "excuse", "absent", "present"]
    );
    assert!(p.iter().find(|x| x.personne_id == m.p[5]).unwrap().invite);

    // Deux actions décidées ; l'une close avant la réunion suivante.
    let action = |intitule: &str| SaisieActionSuivi {
        intitule: intitule.into(),
        responsable_id: Some(m.p[2]),
        echeance: "01/03/2026".into(),
        reunion_id: Some(r1.id),
    };
    reunions::ajouter_action(&c, cadre, &action("Recenser les stages de seconde")).unwrap();
    let toutes = reunions::ajouter_action(&c, cadre, &action("Réserver le gymnase")).unwrap();
    reunions::clore_action(
        &c,
        toutes
            .iter()
            .find(|a| a.intitule == "Réserver le gymnase")
            .unwrap()
            .id,
        dates::lire("20/01/2026").unwrap(),
    )
    .unwrap();
    // Une action ne peut citer la réunion d'un autre cadre.
    let autre = Cadre::Comite(
        comites::creer(
            &c,
            &SaisieComite {
                nom: "Autre".into(),
                academie_id: Some(m.lyon),
                bassin_ids: vec![m.bassin_lyon],
                ..Default::default()
            },
        )
        .unwrap()
        .id,
    );
    assert!(reunions::ajouter_action(&c, autre, &action("Intruse"))
        .unwrap_err()
        .to_string()
        .contains("n'appartient pas"));

    let r2 = reunions::creer(
        &c,
        cadre,
        &SaisieReunion {
            type_: "comite_pilotage".into(),
            date: "10/03/2026".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let points: Vec<String> = reunions::reprendre_ordre_du_jour(&c, r2.id)
        .unwrap()
        .into_iter()
        .map(|p| p.intitule)
        .collect();
    assert!(
        points.contains(&"Suivi de l'action : Recenser les stages de seconde".to_string()),
        "{points:?}"
    );
    assert!(!points.iter().any(|p| p.contains("gymnase")), "{points:?}");
    assert!(points.iter().any(|p| p.contains("Pôle de stages")));
    // Reprendre une seconde fois n'ajoute rien.
    assert_eq!(
        reunions::reprendre_ordre_du_jour(&c, r2.id).unwrap().len(),
        points.len()
    );
    assert_eq!(
        reunions::precedente(&c, cadre, r2.date)
            .unwrap()
            .unwrap()
            .id,
        r1.id
    );
    assert_eq!(reunions::actions_decidees(&c, r1.id).unwrap().len(), 2);
    // L'action ouverte dont l'échéance est passée arrive au tableau de bord, liée au comité.
    let retard: Vec<_> = passerelle_core::echeancier::echeances(
        &c,
        dates::lire("02/03/2026").unwrap(),
        dates::lire("30/03/2026").unwrap(),
    )
    .unwrap()
    .into_iter()
    .filter(|e| e.module == "clee")
    .collect();
    assert_eq!(retard.len(), 1, "{retard:?}");
    assert!(
        retard[0].libelle.contains("Recenser les stages de seconde")
            && retard[0].objet == "CLEE de Lens-Liévin"
            && retard[0].objet_id == cadre.id()
    );
    assert!(reunions::actions_decidees(&c, r2.id).unwrap().is_empty());
}

/// Une réunion tenue : présences, compte rendu de deux points, une décision, une action.
fn reunion_tenue(c: &Connection, m: &Monde) -> (Cadre, i64) {
    let cadre = Cadre::Comite(comite_lens(c, m));
    let s = SaisieReunion {
        type_: "pleniere".into(),
        date: "12/01/2026".into(),
        heure: "14h30".into(),
        etablissement_id: Some(m.lycee),
        ..Default::default()
    };
    let r = reunions::creer(c, cadre, &s).unwrap();
    reunions::inviter(c, r.id, Some(m.p[5])).unwrap();
    for (p, e) in [
        (m.p[0], "present"),
        (m.p[1], "present"),
        (m.p[2], "excuse"),
        (m.p[3], "present"),
        (m.p[4], "absent"),
        (m.p[5], "present"),
    ] {
        reunions::marquer_presence(c, r.id, p, e).unwrap();
    }
    for (intitule, texte) in [
        ("Bilan du forum", "Quatre cent cinquante élèves accueillis."),
        ("Stages de seconde", ""),
    ] {
        let p = reunions::ajouter_point(c, r.id, intitule).unwrap();
        reunions::ecrire_compte_rendu(c, p.last().unwrap().id, texte).unwrap();
    }
    reunions::ajouter_decision(c, r.id, "Le prochain forum aura lieu au lycée Marie-Curie.")
        .unwrap();
    let a = SaisieActionSuivi {
        intitule: "Écrire aux entreprises de logistique".into(),
        responsable_id: Some(m.p[1]),
        echeance: "15/02/2026".into(),
        reunion_id: Some(r.id),
    };
    reunions::ajouter_action(c, cadre, &a).unwrap();
    (cadre, r.id)
}

#[test]
fn compte_rendu_convocation_emargement_et_invitation() {
    let c = base::en_memoire().unwrap();
    let m = monde(&c);
    let (_, r) = reunion_tenue(&c, &m);
    let t = octets_pdf_en_ligne(
        &documents::fichier_document(&c, r, "compte-rendu")
            .unwrap()
            .0,
    );
    for attendu in [
        "Compte rendu – CLEE de Lens-Liévin",
        "Réunion plénière du 12/01/2026 à 14h30, Lycée Jean-Moulin, Lens.",
        "Étaient présents : ARNAUD Claire – Directrice – Artois Emballages ; DURAND Claire – Proviseure – Lycée Jean-Moulin ; LEROUX Nadia – Conseillère en insertion ; CARON Paul – Invité",
        "Étaient excusés : MOREL Karim – Principal",
        "Étaient absents : MOREL Sophie – Élue",
        "1. Bilan du forum Quatre cent cinquante élèves accueillis.",
        "2. Stages de seconde Pas de compte rendu pour ce point.",
        "Décisions", "Le prochain forum aura lieu au lycée Marie-Curie.",
        "Actions", "Écrire aux entreprises de logistique", "Claire Arnaud", "15/02/2026",
    ] {
        assert!(t.contains(attendu), "« {attendu} » absent du compte rendu :\n{t}");
    }
    let t = octets_pdf_en_ligne(&documents::fichier_document(&c, r, "convocation").unwrap().0);
    for attendu in [
        "Convocation – Réunion plénière – CLEE de Lens-Liévin",
        "Ordre du jour",
        "1. Bilan du forum",
        "2. Stages de seconde",
        "Éducation",
        "DURAND Claire",
        "Monde économique",
        "Emploi et insertion",
        "Collectivités",
        "Invités",
        "CARON Paul",
    ] {
        assert!(
            t.contains(attendu),
            "« {attendu} » absent de la convocation :\n{t}"
        );
    }
    let t = octets_pdf_en_ligne(&documents::fichier_document(&c, r, "emargement").unwrap().0);
    for attendu in [
        "Feuille d'émargement",
        "Signature",
        "ARNAUD Claire",
        "CARON Paul",
        "MOREL Sophie",
    ] {
        assert!(
            t.contains(attendu),
            "« {attendu} » absent de la feuille d'émargement :\n{t}"
        );
    }
    // L'invitation iCalendar, relue : les personnes qui ont un courriel, invitée comprise.
    let ev = evenements_ics(&documents::ics_invitation(&c, r).unwrap());
    assert_eq!(ev.len(), 1);
    let mut participants: Vec<String> = participants_ics(&ev[0])
        .into_iter()
        .map(|(_, v)| v)
        .collect();
    participants.sort();
    assert_eq!(
        participants,
        [
            "mailto:claire.arnaud@artois.fr",
            "mailto:claire.durand@ac-lille.fr",
            "mailto:karim.morel@ac-lille.fr",
            "mailto:paul.caron@transport.fr",
            "mailto:sophie.morel@region.fr",
        ]
    );
    assert_eq!(
        ev[0].property_value("DTSTART"),
        Some("20260112T143000"),
        "{:?}",
        ev[0]
    );
    assert_eq!(
        ev[0].get_summary(),
        Some("Réunion plénière – CLEE de Lens-Liévin")
    );
    assert!(documents::fichier_document(&c, r, "affiche")
        .unwrap_err()
        .to_string()
        .replace('\u{a0}', " ")
        .contains("« affiche »"));
}

#[test]
fn actions_vers_les_eleves_controlees_et_liees() {
    let c = base::en_memoire().unwrap();
    let m = monde(&c);
    let comite = comite_lens(&c, &m);
    let mauvaise = SaisieActionClee {
        comite_id: Some(comite),
        date: "32/01/2026".into(),
        type_: "pique-nique".into(),
        filles: "-3".into(),
        garcons: "douze".into(),
        ..Default::default()
    };
    let e = actions::creer(&c, &mauvaise)
        .unwrap_err()
        .to_string()
        .replace('\u{a0}', " ");
    for attendu in [
        "Date de l'action",
        "type d'action",
        "L'intitulé",
        "Filles : « -3 » est négatif",
        "Garçons : « douze » n'est pas un nombre entier",
    ] {
        assert!(e.contains(attendu), "« {attendu} » absent de : {e}");
    }
    assert_eq!(compter(&c, "action_clee"), 0);
    let s = SaisieActionClee {
        comite_id: Some(comite),
        date: "20/11/2025".into(),
        type_: "forum".into(),
        intitule: "Forum des métiers".into(),
        filles: "212".into(),
        garcons: "236".into(),
        enseignants: "31".into(),
        etablissement_ids: vec![m.lycee, m.lycee],
        organisation_ids: vec![m.entreprise],
        ..Default::default()
    };
    let a = actions::creer(&c, &s).unwrap();
    assert_eq!(
        (a.etablissements.as_str(), a.organisations.as_str()),
        ("Lycée Jean-Moulin", "Artois Emballages")
    );
    let f = |annee| actions::FiltreActionsClee {
        annee_scolaire: Some(annee),
        ..Default::default()
    };
    assert_eq!(actions::lister(&c, &f(2025)).unwrap().total, 1);
    assert_eq!(actions::lister(&c, &f(2024)).unwrap().total, 0);
    // L'entreprise citée ne se supprime pas ; le comité, lui, emporte ses actions.
    assert!(organisations::supprimer(&c, m.entreprise)
        .unwrap_err()
        .to_string()
        .contains("action de CLEE"));
    comites::supprimer(&c, comite).unwrap();
    assert_eq!(
        compter(&c, "action_clee")
            + compter(&c, "clee_membre")
            + compter(&c, "action_clee_organisation"),
        0
    );
}

#[test]
fn bilan_annuel_assiduite_par_college_actions_et_suivi() {
    let c = base::en_memoire().unwrap();
    let m = monde(&c);
    let (cadre, r1) = reunion_tenue(&c, &m);
    // Seconde réunion de l'année : la conseillère excusée, les autres présents.
    let r2 = reunions::creer(
        &c,
        cadre,
        &SaisieReunion {
            type_: "comite_pilotage".into(),
            date: "05/05/2026".into(),
            ..Default::default()
        },
    )
    .unwrap();
    reunions::marquer_presence(&c, r2.id, m.p[3], "excuse").unwrap();
    reunions::marquer_non_pointes_presents(&c, r2.id).unwrap();
    // Hors année scolaire (2024-2025) : ne compte pas.
    let r0 = reunions::creer(
        &c,
        cadre,
        &SaisieReunion {
            type_: "pleniere".into(),
            date: "15/06/2025".into(),
            ..Default::default()
        },
    )
    .unwrap();
    reunions::marquer_presence(&c, r0.id, m.p[4], "absent").unwrap();
    for (date, type_, f, g, e) in [
        ("20/11/2025", "forum", "212", "236", "31"),
        ("03/02/2026", "visite_entreprise", "21", "27", "4"),
        ("10/03/2026", "forum", "10", "12", "1"),
        ("01/09/2026", "forum", "99", "99", "9"),
    ] {
        let s = SaisieActionClee {
            comite_id: cadre_id(cadre),
            date: date.into(),
            type_: type_.into(),
            intitule: format!("Action du {date}"),
            filles: f.into(),
            garcons: g.into(),
            enseignants: e.into(),
            organisation_ids: vec![m.entreprise],
            ..Default::default()
        };
        actions::creer(&c, &s).unwrap();
    }
    let aujourdhui = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let b = bilan::modele_bilan(&c, 2025, Perimetre::Comite(cadre.id()), aujourdhui).unwrap();
    assert_eq!(b.annee_scolaire, "2025-2026");
    assert_eq!(b.reunions.len(), 2);
    assert_eq!(
        b.reunions[0].date,
        NaiveDate::from_ymd_opt(2026, 1, 12).unwrap()
    );
    let taux = |college: &str| {
        b.assiduite
            .iter()
            .find(|a| a.college == college)
            .map(|a| (a.presents, a.excuses, a.absents, a.taux()))
    };
    // Éducation : Durand présente ×2, Morel excusé puis présent → 3 présents sur 4 = 75 %.
    assert_eq!(taux("Éducation"), Some((3, 1, 0, Some(75))));
    assert_eq!(taux("Monde économique"), Some((2, 0, 0, Some(100))));
    assert_eq!(taux("Emploi et insertion"), Some((1, 1, 0, Some(50))));
    assert_eq!(taux("Collectivités"), Some((1, 0, 1, Some(50))));
    assert_eq!(taux("Invités"), Some((1, 0, 0, Some(100))));
    // Ensemble : 8 présents, 2 excusés, 1 absent → 73 %.
    assert_eq!(taux("Ensemble"), Some((8, 2, 1, Some(73))));
    assert_eq!(b.assiduite.last().unwrap().college, "Ensemble");
    // L'écran reçoit le taux tout calculé.
    assert_eq!(
        serde_json::to_value(b.assiduite.last().unwrap()).unwrap()["taux"],
        73
    );
    let forum = b
        .actions
        .iter()
        .find(|l| l.type_ == "Forum des métiers")
        .unwrap();
    assert_eq!(
        (
            forum.actions,
            forum.filles,
            forum.garcons,
            forum.enseignants
        ),
        (2, 222, 248, 32)
    );
    let total = b.actions.last().unwrap();
    assert_eq!(
        (
            total.type_.as_str(),
            total.actions,
            total.filles + total.garcons
        ),
        ("Total", 3, 518)
    );
    assert_eq!(b.partenaires, [("Artois Emballages".to_string(), 3)]);
    assert_eq!(b.ouvertes.len(), 1);
    assert_eq!(
        b.ouvertes[0].1.intitule,
        "Écrire aux entreprises de logistique"
    );
    // Clore l'action avant la fin d'août la retire des actions ouvertes.
    let id = reunions::actions_decidees(&c, r1).unwrap()[0].id;
    reunions::clore_action(&c, id, dates::lire("30/06/2026").unwrap()).unwrap();
    assert!(
        bilan::modele_bilan(&c, 2025, Perimetre::Comite(cadre.id()), aujourdhui)
            .unwrap()
            .ouvertes
            .is_empty()
    );
    // Périmètre académie : le comité de Lyon n'y est pas.
    comites::creer(
        &c,
        &SaisieComite {
            nom: "CLEE lyonnais".into(),
            academie_id: Some(m.lyon),
            bassin_ids: vec![m.bassin_lyon],
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        bilan::modele_bilan(&c, 2025, Perimetre::Academie(m.lille), aujourdhui)
            .unwrap()
            .comites
            .len(),
        1
    );
    assert_eq!(
        bilan::modele_bilan(&c, 2025, Perimetre::Tous, aujourdhui)
            .unwrap()
            .comites
            .len(),
        2
    );

    let t = octets_pdf_en_ligne(
        &rapport::rendre_pdf(&bilan::rendre_bilan(
            &bilan::modele_bilan(&c, 2025, Perimetre::Academie(m.lille), aujourdhui).unwrap(),
        ))
        .unwrap(),
    );
    for attendu in [
        "Bilan des comités locaux École-entreprise",
        "Académie de Lille",
        "Année scolaire 2025-2026",
        "1 – Les comités",
        "CLEE de Lens-Liévin",
        "Lens-Liévin",
        "Claire Durand et Claire Arnaud",
        "2 – Réunions tenues",
        "2 réunion(s) tenue(s) en 2025-2026.",
        "12/01/2026",
        "Réunion plénière",
        "05/05/2026",
        "Comité de pilotage",
        "3 – Assiduité par collège",
        "Éducation 3 1 0 75 %",
        "Ensemble 8 2 1 73 %",
        "4 – Actions vers les élèves et les équipes",
        "Forum des métiers 2 222 248 470 32",
        "Total 3 243 275 518 36",
        "5 – Partenaires associés",
        "Artois Emballages",
        "6 – Actions de suivi ouvertes",
    ] {
        assert!(t.contains(attendu), "« {attendu} » absent du bilan :\n{t}");
    }
}

fn cadre_id(c: Cadre) -> Option<i64> {
    Some(c.id())
}

#[test]
fn annee_scolaire_lue_et_refusee() {
    assert_eq!(dates::lire_annee_scolaire("2025-2026"), Ok(2025));
    assert_eq!(dates::lire_annee_scolaire(" 2025/2026 "), Ok(2025));
    for faux in ["2025", "2025-2027", "vingt-vingt", ""] {
        assert!(
            dates::lire_annee_scolaire(faux)
                .unwrap_err()
                .contains("2025-2026"),
            "{faux}"
        );
    }
    assert_eq!(
        dates::annee_scolaire(NaiveDate::from_ymd_opt(2026, 8, 31).unwrap()),
        "2025-2026"
    );
    assert_eq!(
        dates::annee_scolaire(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()),
        "2026-2027"
    );
}

#[test]
fn la_migration_8_garde_les_reunions_des_groupes_de_suivi() {
    let c = Connection::open_in_memory().unwrap();
    base::configurer(&c).unwrap();
    base::migrer_jusqua(&c, 7).unwrap();
    c.execute_batch(
        "INSERT INTO personne (id, civilite, nom, prenom) VALUES (1, 'Mme', 'Durand', 'Claire');
         INSERT INTO convention (id, type, titre, date_effet, duree_mois) VALUES (4, 'autre', 'Convention ancienne', '2025-01-01', 36);
         INSERT INTO suivi_membre (convention_id, personne_id) VALUES (4, 1);
         INSERT INTO reunion_suivi (id, convention_id, date, heure, lieu) VALUES (9, 4, '2025-03-10', '14h00', 'Lens');
         INSERT INTO reunion_point (reunion_id, ordre, intitule, compte_rendu) VALUES (9, 1, 'Ouverture', 'Fait.');
         INSERT INTO reunion_presence (reunion_id, personne_id, etat) VALUES (9, 1, 'present');
         INSERT INTO reunion_decision (reunion_id, texte) VALUES (9, 'Décidé.');
         INSERT INTO suivi_action (id, convention_id, reunion_id, intitule, responsable_id) VALUES (3, 4, 9, 'Action ancienne', 1);",
    )
    .unwrap();
    base::migrer_jusqua(&c, base::VERSION_SCHEMA).unwrap();
    let fk: bool = c
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert!(fk, "les clés étrangères sont rétablies après la migration");
    let d = reunions::detail(&c, 9).unwrap();
    assert_eq!(
        (
            d.reunion.cadre,
            d.reunion.type_.as_str(),
            d.reunion.lieu.as_str()
        ),
        (Cadre::Convention(4), "groupe_suivi", "Lens")
    );
    assert_eq!(
        (d.points.len(), d.decisions.len(), d.actions.len()),
        (1, 1, 1)
    );
    assert_eq!(d.presences[0].etat.map(|e| e.as_str()), Some("present"));
    // Les tables liées citent la nouvelle table : supprimer la convention emporte tout.
    c.execute("DELETE FROM convention WHERE id = 4", [])
        .unwrap();
    for table in [
        "reunion",
        "reunion_point",
        "reunion_presence",
        "reunion_decision",
        "suivi_action",
    ] {
        assert_eq!(compter(&c, table), 0, "{table}");
    }
}

#[test]
fn reunion_et_action_rattachees_a_une_convention() {
    use passerelle_core::conventions::fiches::{self, SaisieConvention};
    let c = base::en_memoire().unwrap();
    let m = monde(&c);
    let comite = comite_lens(&c, &m);
    let conv = fiches::creer(
        &c,
        &SaisieConvention {
            type_: "academie_organisation".into(),
            titre: "Convention académie – Artois Emballages".into(),
            date_effet: "01/09/2025".into(),
            duree: "3 ans".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let r = reunions::creer(
        &c,
        Cadre::Comite(comite),
        &SaisieReunion {
            type_: "groupe_travail".into(),
            date: "10/02/2026".into(),
            convention_liee_id: Some(conv),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        r.convention_liee.as_deref(),
        Some("Convention académie – Artois Emballages")
    );
    assert!(reunions::creer(
        &c,
        Cadre::Comite(comite),
        &SaisieReunion {
            type_: "groupe_travail".into(),
            date: "10/02/2026".into(),
            convention_liee_id: Some(999),
            ..Default::default()
        }
    )
    .is_err());
    let s = SaisieActionClee {
        comite_id: Some(comite),
        date: "12/02/2026".into(),
        type_: "visite_entreprise".into(),
        intitule: "Visite de l'usine".into(),
        filles: "10".into(),
        garcons: "12".into(),
        convention_id: Some(conv),
        ..Default::default()
    };
    actions::creer(&c, &s).unwrap();
    assert_eq!(
        reunions::liees_a_convention(&c, conv)
            .unwrap()
            .iter()
            .map(|x| x.id)
            .collect::<Vec<_>>(),
        [r.id]
    );
    assert_eq!(
        actions::lister(
            &c,
            &actions::FiltreActionsClee {
                convention_id: Some(conv),
                ..Default::default()
            }
        )
        .unwrap()
        .total,
        1
    );
    // La convention citée ne se supprime pas : le message dit où elle sert.
    let e = fiches::supprimer(&c, conv).unwrap_err().to_string();
    assert!(e.contains("réunion") && e.contains("action de CLEE"), "{e}");
    // Le compte rendu la mentionne.
    let t = octets_pdf_en_ligne(
        &documents::fichier_document(&c, r.id, "compte-rendu")
            .unwrap()
            .0,
    );
    assert!(t.contains("Réunion rattachée à la convention"), "{t}");
}
