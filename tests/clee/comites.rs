//! Comités, membres, réunions et actions vers les élèves.

use super::outils::*;

#[test]
fn comite_controle_et_copilotes_membres_de_leur_college() {
    let c = base::en_memoire().unwrap();
    let m = monde(&c);
    comites_fautifs_refuses_sans_rien_ecrire(&c, &m);
    let id = membres_ranges_par_college(&c, &m);
    recherche_filtre_et_etablissement_support(&c, &m);
    un_seul_comite_actif_par_bassin(&c, &m, id);
}

fn comites_fautifs_refuses_sans_rien_ecrire(c: &Connection, m: &Monde) {
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
    let e = comites::creer(c, &mauvais)
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
        c,
        &SaisieComite {
            nom: "X".into(),
            academie_id: Some(m.lille),
            ..Default::default()
        },
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("au moins un bassin"), "{e}");
    assert_eq!(compter(c, "comite_clee"), 0);
}

fn membres_ranges_par_college(c: &Connection, m: &Monde) -> i64 {
    let id = comite_lens(c, m);
    let comite = comites::lire(c, id).unwrap();
    assert_eq!(comite.bassins, "Lens-Liévin");
    assert_eq!(
        comite.date_charte,
        Some(NaiveDate::from_ymd_opt(2023, 9, 15).unwrap())
    );
    assert_eq!(comite.membres, 5);
    let membres = comites::membres(c, id).unwrap();
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
        c,
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
        c,
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
    assert!(comites::retirer_membre(c, copilote)
        .unwrap_err()
        .to_string()
        .contains("co-pilote"));
    id
}

fn recherche_filtre_et_etablissement_support(c: &Connection, m: &Monde) {
    // Recherche et filtre par bassin.
    let f = comites::FiltreComites {
        bassin_id: Some(m.bassin_lens),
        ..Default::default()
    };
    assert_eq!(comites::lister(c, &f).unwrap().total, 1);
    let f = comites::FiltreComites {
        liste: passerelle_core::liste::ParametresListe {
            recherche: "lievin".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(comites::lister(c, &f).unwrap().total, 1);
    // L'établissement support ne se supprime pas tant que le comité le cite.
    let e = etablissements::supprimer(c, m.lycee)
        .unwrap_err()
        .to_string();
    assert!(e.contains("comité local École-entreprise"), "{e}");
}

fn un_seul_comite_actif_par_bassin(c: &Connection, m: &Monde, id: i64) {
    // Un comité par bassin : un second comité actif sur Lens-Liévin est refusé ; en sommeil, il passe.
    let doublon = SaisieComite {
        nom: "Autre CLEE de Lens".into(),
        academie_id: Some(m.lille),
        bassin_ids: vec![m.bassin_lens],
        ..Default::default()
    };
    let e = comites::creer(c, &doublon)
        .unwrap_err()
        .to_string()
        .replace('\u{a0}', " ");
    assert!(
        e.contains("« Lens-Liévin » a déjà son comité : « CLEE de Lens-Liévin »"),
        "{e}"
    );
    let en_sommeil = comites::creer(
        c,
        &SaisieComite {
            statut: "en_sommeil".into(),
            ..doublon.clone()
        },
    )
    .unwrap();
    // Le réactiver est refusé de même ; modifier le comité d'origine reste possible.
    assert!(comites::modifier(
        c,
        en_sommeil.id,
        &SaisieComite {
            statut: "actif".into(),
            ..doublon
        }
    )
    .is_err());
    assert!(comites::modifier(
        c,
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
    reunions_fautives_refusees(&c, &m, cadre);
    let r1 = pleniere_et_presences(&c, &m, cadre);
    actions_decidees_dont_une_close(&c, &m, cadre, r1);
    ordre_du_jour_repris_et_action_en_retard(&c, cadre, r1);
}

/// Un type de réunion de groupe de suivi n'a pas de sens pour un comité ; lieu double refusé.
fn reunions_fautives_refusees(c: &Connection, m: &Monde, cadre: Cadre) {
    let e = reunions::creer(
        c,
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
    assert!(reunions::creer(c, cadre, &double)
        .unwrap_err()
        .to_string()
        .contains("pas les deux"));
    assert_eq!(compter(c, "reunion"), 0);
}

/// Une plénière au lycée ; membres et invité pointés. Rend son numéro.
fn pleniere_et_presences(c: &Connection, m: &Monde, cadre: Cadre) -> i64 {
    let s = SaisieReunion {
        type_: "pleniere".into(),
        date: "12/01/2026".into(),
        heure: "14h".into(),
        lieu: "salle B12".into(),
        etablissement_id: Some(m.lycee),
        ..Default::default()
    };
    let r1 = reunions::creer(c, cadre, &s).unwrap();
    assert_eq!(r1.lieu, "Lycée Jean-Moulin, Lens – salle B12");
    // Membres et invité sur la même liste ; l'invité n'a pas de collège.
    reunions::inviter(c, r1.id, Some(m.p[5])).unwrap();
    assert!(reunions::inviter(c, r1.id, Some(m.p[2]))
        .unwrap_err()
        .to_string()
        .contains("déjà"));
    reunions::marquer_presence(c, r1.id, m.p[2], "excuse").unwrap();
    reunions::marquer_presence(c, r1.id, m.p[4], "absent").unwrap();
    assert!(reunions::marquer_presence(c, r1.id, m.p[4], "en retard").is_err());
    // Pointage rapide : tous les autres présents, sans toucher aux mentions déjà posées.
    let p = reunions::marquer_non_pointes_presents(c, r1.id).unwrap();
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
    r1.id
}

fn actions_decidees_dont_une_close(c: &Connection, m: &Monde, cadre: Cadre, r1: i64) {
    // Deux actions décidées ; l'une close avant la réunion suivante.
    let action = |intitule: &str| SaisieActionSuivi {
        intitule: intitule.into(),
        responsable_id: Some(m.p[2]),
        echeance: "01/03/2026".into(),
        reunion_id: Some(r1),
    };
    reunions::ajouter_action(c, cadre, &action("Recenser les stages de seconde")).unwrap();
    let toutes = reunions::ajouter_action(c, cadre, &action("Réserver le gymnase")).unwrap();
    reunions::clore_action(
        c,
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
            c,
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
    assert!(reunions::ajouter_action(c, autre, &action("Intruse"))
        .unwrap_err()
        .to_string()
        .contains("n'appartient pas"));
}

/// La réunion suivante reprend les actions ouvertes ; l'action en retard au tableau de bord.
fn ordre_du_jour_repris_et_action_en_retard(c: &Connection, cadre: Cadre, r1: i64) {
    let r2 = reunions::creer(
        c,
        cadre,
        &SaisieReunion {
            type_: "comite_pilotage".into(),
            date: "10/03/2026".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let points: Vec<String> = reunions::reprendre_ordre_du_jour(c, r2.id)
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
        reunions::reprendre_ordre_du_jour(c, r2.id).unwrap().len(),
        points.len()
    );
    assert_eq!(
        reunions::precedente(c, cadre, r2.date).unwrap().unwrap().id,
        r1
    );
    assert_eq!(reunions::actions_decidees(c, r1).unwrap().len(), 2);
    // L'action ouverte dont l'échéance est passée arrive au tableau de bord, liée au comité.
    let retard: Vec<_> = passerelle_core::echeancier::echeances(
        c,
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
    assert!(reunions::actions_decidees(c, r2.id).unwrap().is_empty());
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
