//! Imports, exports et classeurs du registre, saisie et mandats.

use super::outils::*;
use chrono::NaiveDate;

#[test]
fn import_csv_utf8_avec_bom_puis_windows_1252_a_la_virgule() {
    let c = base_lille();
    let mut octets = b"\xEF\xBB\xBF".to_vec();
    octets.extend(csv_valide().as_bytes());
    let apercu = import::apercu(&octets).unwrap();
    assert_eq!(apercu.lignes, 3);
    assert!(apercu
        .champs
        .iter()
        .all(|ch| !ch.obligatoire || ch.colonne.is_some()));
    // Essai : contrôlé, rien d'écrit.
    let r = import::importer(&c, &octets, None, true, &Suivi::default()).unwrap();
    assert_eq!((r.lignes, r.importees, r.essai), (3, 3, true));
    assert_eq!(compter(&c, "cet"), 0);
    let r = import::importer(&c, &octets, None, false, &Suivi::default()).unwrap();
    assert_eq!(r.importees, 3);
    assert!(
        r.format.contains("UTF-8") && sans_nbsp(&r.format).contains("« ; »"),
        "{}",
        r.format
    );
    assert!(
        r.creations.iter().any(|x| x.contains("Forges de l'Escaut")),
        "{:?}",
        r.creations
    );
    assert!(
        r.creations
            .iter()
            .any(|x| x.starts_with("organisation professionnelle")
                && x.contains("Fédération du bâtiment")),
        "{:?}",
        r.creations
    );
    let tous = registre::lister(&c, &FiltreCet::default()).unwrap().lignes;
    let helene = tous.iter().find(|x| x.prenom == "Hélène").unwrap();
    assert_eq!(
        (
            helene.nom.as_str(),
            helene.civilite.as_str(),
            helene.bassin.as_deref()
        ),
        ("LEFÈVRE", "Mme", Some("Lens-Liévin"))
    );
    assert_eq!(helene.cpc.as_deref(), Some("Métallurgie"));
    assert_eq!(helene.statut_pro, "non_renseigne");
    let jerome = tous.iter().find(|x| x.prenom == "Jérôme").unwrap();
    assert_eq!(
        (jerome.civilite.as_str(), jerome.designation.as_str()),
        ("M.", "autre")
    );

    // Le même fichier en Windows-1252 à la virgule : tout est déjà là, rien n'est doublé.
    let virgules = [
        "civilite,nom,prenom,email,telephone,employeur,secteur,cpc,organisation_proposante,academie,bassin,debut_mandat,fin_mandat",
        "Mme,Lefèvre,Hélène,helene.lefevre@forges.fr,,Forges de l'Escaut,Métallurgie,Métallurgie,Union des métiers du métal,Lille,Lens-Liévin,01/01/2024,31/12/2028",
        "M.,Dupré,Gaël,gael.dupre@batir.fr,,Bâtir du Nord,Bâtiment,\"Bâtiment, travaux publics et matériaux de construction\",Fédération du bâtiment,09,,01/09/2023,31/08/2026",
        "M.,Noël,Jérôme,,,,Hôtellerie,\"Tourisme, hôtellerie, restauration\",,Lille,,01/01/2027,31/12/2031",
    ]
    .join("\r\n");
    let latin: Vec<u8> = virgules
        .chars()
        .map(|ch| u8::try_from(ch as u32).expect("Latin-1"))
        .collect();
    let r = import::importer(&c, &latin, None, false, &Suivi::default()).unwrap();
    assert!(
        r.format.contains("Windows-1252") && sans_nbsp(&r.format).contains("« , »"),
        "{}",
        r.format
    );
    assert_eq!(r.importees, 0);
    assert_eq!(r.doublons.len(), 3, "{:?}", r.doublons);
    assert!(r.doublons[0].contains("déjà au registre"));
    assert_eq!(compter(&c, "cet"), 3);
    assert_eq!(compter(&c, "personne"), 3);
}

#[test]
fn chaque_sorte_de_ligne_fautive_est_signalee_et_rien_n_est_ecrit() {
    let c = base_lille();
    let fichier = [
        ENTETE,
        "Mme;Lefèvre;Hélène;helene.lefevre@forges.fr;;Forges;Métallurgie;Métallurgie;Union;Lille;;01/01/2024;31/12/2028",
        "M.;;Paul;;;;;;;Lille;;01/01/2024;31/12/2028",
        "M.;Martin;Paul;;;;;;;Atlantide;;01/01/2024;31/12/2028",
        "M.;Martin;Luc;;;;;Cuisine moléculaire;;Lille;;01/01/2024;31/12/2028",
        "M.;Martin;Marc;;;;;;;Lille;;31/02/2024;31/12/2028",
        "M.;Martin;Jean;;;;;;;Lille;;01/01/2024;31/12/2020",
        "Dr;Martin;Yves;;;;;;;Lille;;01/01/2024;31/12/2028",
        "M.;Martin;Léo;pas-un-courriel;;;;;;Lille;;01/01/2024;31/12/2028",
        "M.;Martin;Noé;;;;;;;Lille;Atlantide-Sud;01/01/2024;31/12/2028",
    ]
    .join("\n");
    let avant = (
        compter(&c, "cet"),
        compter(&c, "personne"),
        compter(&c, "organisation"),
    );
    let Err(Erreur::Import(lignes)) =
        import::importer(&c, fichier.as_bytes(), None, false, &Suivi::default())
    else {
        panic!("import accepté")
    };
    let attendus = [
        ("Ligne 3 :", "Le nom"),
        ("Ligne 4 :", "académie « Atlantide » inconnue"),
        ("Ligne 5 :", "CPC « Cuisine moléculaire » inconnue"),
        ("Ligne 6 :", "Début du mandat"),
        ("Ligne 7 :", "précède son début"),
        ("Ligne 8 :", "civilité « Dr » inconnue"),
        ("Ligne 9 :", "pas-un-courriel"),
        ("Ligne 10 :", "bassin « Atlantide-Sud » inconnu"),
    ];
    assert_eq!(lignes.len(), attendus.len(), "{lignes:#?}");
    for ((debut, contenu), l) in attendus.iter().zip(lignes.iter().map(|l| sans_nbsp(l))) {
        assert!(
            l.starts_with(debut) && l.contains(contenu),
            "« {contenu} » attendu dans : {l}"
        );
    }
    assert_eq!(
        (
            compter(&c, "cet"),
            compter(&c, "personne"),
            compter(&c, "organisation")
        ),
        avant,
        "rien n'est écrit"
    );
    // En-tête incomplet, fichier malformé : un message clair.
    let e = import::importer(&c, b"nom;prenom\nA;B\n", None, false, &Suivi::default())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("Colonnes obligatoires introuvables") && e.contains("Académie"),
        "{e}"
    );
    let e = import::importer(
        &c,
        format!("{ENTETE}\n\"Mme;X").as_bytes(),
        None,
        false,
        &Suivi::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("guillemet"), "{e}");
}

#[test]
fn classeur_xlsx_et_correspondance_choisie() {
    let c = base_lille();
    let (entetes, xlsx) = classeur_aux_en_tetes_inhabituels();
    let apercu = import::apercu(&xlsx).unwrap();
    assert!(apercu.format.contains("xlsx"), "{}", apercu.format);
    assert_eq!(apercu.colonnes, entetes);
    let colonne = |champ: &str| {
        apercu
            .champs
            .iter()
            .find(|x| x.champ == champ)
            .unwrap()
            .colonne
    };
    assert_eq!(
        (
            colonne("nom"),
            colonne("email"),
            colonne("debut_mandat"),
            colonne("secteur")
        ),
        (Some(0), Some(2), Some(4), None)
    );
    let mut choix: std::collections::BTreeMap<String, usize> = apercu
        .champs
        .iter()
        .filter_map(|x| x.colonne.map(|i| (x.champ.to_string(), i)))
        .collect();
    choix.insert("secteur".into(), 6);
    let r = import::importer(&c, &xlsx, Some(&choix), false, &Suivi::default()).unwrap();
    assert_eq!(r.importees, 2);
    let x = registre::lister(
        &c,
        &FiltreCet {
            secteur: Some("Bâtiment".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(x.total, 1);
    assert_eq!(x.lignes[0].fin_mandat, Some(d("31/08/2026")));
    // Une colonne choisie hors du fichier est refusée.
    choix.insert("bassin".into(), 42);
    assert!(
        import::importer(&c, &xlsx, Some(&choix), false, &Suivi::default())
            .unwrap_err()
            .to_string()
            .contains("n° 43")
    );
}

/// Un classeur aux en-têtes inhabituels : la correspondance proposée en reconnaît une partie,
/// l'utilisateur choisit le reste.
fn classeur_aux_en_tetes_inhabituels() -> ([&'static str; 7], Vec<u8>) {
    let entetes = [
        "Nom de famille",
        "Prénom",
        "Courriel",
        "Académie",
        "Début",
        "Fin",
        "Branche",
    ];
    let lignes = vec![
        vec![
            "Lefèvre".to_string(),
            "Hélène".into(),
            "helene.lefevre@forges.fr".into(),
            "Lille".into(),
            "01/01/2024".into(),
            "31/12/2028".into(),
            "Métallurgie".into(),
        ],
        vec![
            "Dupré".to_string(),
            "Gaël".into(),
            "".into(),
            "Lille".into(),
            "01/09/2023".into(),
            "31/08/2026".into(),
            "Bâtiment".into(),
        ],
    ];
    let xlsx = tableur::classeur_xlsx("Liste", &entetes, &lignes).unwrap();
    (entetes, xlsx)
}

#[test]
fn export_csv_et_xlsx_se_reimportent() {
    let c = base_lille();
    import::importer(&c, csv_valide().as_bytes(), None, false, &Suivi::default()).unwrap();
    for format in ["csv", "xlsx"] {
        let octets = export::fichier_registre(&c, &FiltreCet::default(), format).unwrap();
        let autre = base_lille();
        let r = import::importer(&autre, &octets, None, false, &Suivi::default()).unwrap();
        assert_eq!(r.importees, 3, "{format}");
        let a = registre::lister(&autre, &FiltreCet::default())
            .unwrap()
            .lignes;
        let b = registre::lister(&c, &FiltreCet::default()).unwrap().lignes;
        let resume = |v: &[registre::Cet]| {
            v.iter()
                .map(|x| {
                    (
                        x.nom.clone(),
                        x.secteur.clone(),
                        x.cpc.clone(),
                        x.fin_mandat,
                        x.organisation_proposante.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(resume(&a), resume(&b), "{format}");
    }
    assert!(sans_nbsp(
        &export::fichier_registre(&c, &FiltreCet::default(), "ods")
            .unwrap_err()
            .to_string()
    )
    .contains("« ods »"));
}

#[test]
fn saisie_controlee_etats_des_mandats_et_campagne_de_renouvellement() {
    let c = base::en_memoire().unwrap();
    let (lille, ids) = registre_manuel(&c);
    let jour = d("27/11/2026");
    saisies_refusees(&c, lille, ids);
    etats_des_mandats(&c, jour);
    fins_de_mandat_a_l_echeancier(&c, jour);
    let campagne = apercu_de_la_campagne(&c, lille, ids);
    campagne_appliquee(&c, &campagne, ids, jour);
}

/// Saisie refusée : personne absente, organisation proposante manquante, mandat à l'envers ;
/// personne déjà inscrite.
fn saisies_refusees(c: &Connection, lille: i64, ids: [i64; 3]) {
    // Saisie refusée : personne absente, organisation proposante manquante, mandat à l'envers.
    let e = registre::creer(
        c,
        &SaisieCet {
            statut_pro: "astronaute".into(),
            academie_id: Some(lille),
            debut_mandat: "01/01/2025".into(),
            fin_mandat: "01/01/2024".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    let texte = sans_nbsp(&e.to_string());
    for attendu in [
        "Choisissez la personne",
        "statut professionnel",
        "organisation professionnelle qui a proposé",
        "précède son début",
    ] {
        assert!(texte.contains(attendu), "« {attendu} » absent de : {texte}");
    }
    let deja = registre::lire(c, ids[0]).unwrap().personne_id;
    let e = registre::creer(
        c,
        &SaisieCet {
            personne_id: Some(deja),
            statut_pro: "salarie".into(),
            designation: "afdet".into(),
            academie_id: Some(lille),
            debut_mandat: "01/01/2025".into(),
            fin_mandat: "01/01/2026".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("déjà inscrite"));
    assert_eq!(compter(c, "cet"), 3);
}

fn etats_des_mandats(c: &Connection, jour: NaiveDate) {
    // États au 27/11/2026 : deux mandats finissent le 31/12/2026 (à renouveler), un en 2027.
    assert_eq!(
        mandats::etat(Some(d("01/01/2022")), Some(d("31/12/2026")), jour),
        EtatMandat::FinProche
    );
    assert_eq!(
        mandats::etat(Some(d("01/01/2023")), Some(d("31/12/2027")), jour),
        EtatMandat::EnCours
    );
    assert_eq!(
        mandats::etat(Some(d("01/01/2027")), Some(d("31/12/2031")), jour),
        EtatMandat::AVenir
    );
    assert_eq!(
        mandats::etat(Some(d("01/01/2020")), Some(d("31/12/2025")), jour),
        EtatMandat::Echu
    );
    let par_etat = |e: &str| {
        registre::lister_au(
            c,
            &FiltreCet {
                etat_mandat: Some(e.into()),
                ..Default::default()
            },
            jour,
        )
        .unwrap()
        .total
    };
    assert_eq!(
        (
            par_etat("fin_proche"),
            par_etat("en_cours"),
            par_etat("echu")
        ),
        (2, 3, 0)
    );
    assert!(registre::lister_au(
        c,
        &FiltreCet {
            etat_mandat: Some("perdu".into()),
            ..Default::default()
        },
        jour
    )
    .is_err());
}

fn fins_de_mandat_a_l_echeancier(c: &Connection, jour: NaiveDate) {
    // L'échéancier montre les deux fins de mandat du 31/12/2026 en une ligne.
    let e: Vec<_> = echeancier::echeances(c, jour, jour + Days::new(90))
        .unwrap()
        .into_iter()
        .filter(|e| e.nature == "mandat_cet")
        .collect();
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].libelle.contains("2 conseillers")
            && e[0].date == d("31/12/2026")
            && e[0].module == "cet"
    );
}

fn apercu_de_la_campagne(c: &Connection, lille: i64, ids: [i64; 3]) -> SaisieCampagne {
    // Campagne : mandats finissant au plus tard le 31/12/2026, renouvelés au 1er janvier pour cinq ans.
    let campagne = SaisieCampagne {
        fin_au_plus_tard: "31/12/2026".into(),
        date_arrete: "10/12/2026".into(),
        nouveau_debut: "01/01/2027".into(),
        nouvelle_fin: "31/12/2031".into(),
        academie_id: Some(lille),
    };
    let apercu = mandats::apercu(c, &campagne).unwrap();
    assert_eq!(
        apercu.iter().map(|l| l.cet_id).collect::<Vec<_>>(),
        [ids[2], ids[0]],
        "rangés par secteur : Bâtiment puis Métallurgie"
    );
    // Dates incohérentes : refusé.
    let mauvaise = SaisieCampagne {
        nouveau_debut: "01/12/2026".into(),
        ..campagne.clone()
    };
    let Err(Erreur::Validation(champs)) = mandats::apercu(c, &mauvaise) else {
        panic!("campagne acceptée")
    };
    // L'erreur porte sur le champ du formulaire de campagne, pour s'afficher sous lui.
    assert_eq!(
        champs.iter().map(|x| x.champ).collect::<Vec<_>>(),
        ["nouveau_debut"]
    );
    assert!(champs[0].message.contains("après la fin"));
    campagne
}

fn campagne_appliquee(c: &Connection, campagne: &SaisieCampagne, ids: [i64; 3], jour: NaiveDate) {
    // Un CET hors aperçu ne peut pas être retenu ; on n'en retient qu'un.
    assert!(
        mandats::appliquer(c, campagne, Some(&[ids[1]]), &Suivi::default())
            .unwrap_err()
            .to_string()
            .contains("pas concerné")
    );
    assert_eq!(
        mandats::appliquer(c, campagne, Some(&[ids[0]]), &Suivi::default()).unwrap(),
        1
    );
    let anne = registre::lister_au(c, &FiltreCet::default(), jour)
        .unwrap()
        .lignes
        .into_iter()
        .find(|x| x.id == ids[0])
        .unwrap();
    assert_eq!(
        (anne.debut_mandat, anne.fin_mandat, anne.date_arrete),
        (
            Some(d("01/01/2027")),
            Some(d("31/12/2031")),
            Some(d("10/12/2026"))
        )
    );
    assert_eq!(anne.etat_mandat, EtatMandat::AVenir);
    assert_eq!(
        mandats::mandats(c, ids[0]).unwrap().len(),
        2,
        "l'ancien mandat reste dans l'historique"
    );
    // Le reste de la campagne, puis plus rien à renouveler.
    assert_eq!(
        mandats::appliquer(c, campagne, None, &Suivi::default()).unwrap(),
        1
    );
    assert!(mandats::appliquer(c, campagne, None, &Suivi::default())
        .unwrap_err()
        .to_string()
        .contains("Aucun mandat"));
    // Renouvellement individuel : il doit commencer après la fin du mandat en cours.
    let e = mandats::ajouter(
        c,
        ids[1],
        &SaisieMandat {
            debut: "01/06/2027".into(),
            fin: "31/05/2032".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("avant la fin du mandat en cours"));
}
