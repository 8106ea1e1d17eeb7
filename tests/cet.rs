//! CET : registre contrôlé, états des mandats et campagne de renouvellement, imports (CSV dans
//! les deux encodages, classeur .xlsx) tout ou rien avec doublons signalés, export réimportable,
//! animations (invitations par secteur, présences, CET inactifs), retours aux organisations et
//! aux employeurs, bilan annuel, contrôlés jusqu'au texte des PDF.

use chrono::Days;
use passerelle_core::annuaire::{academies, bassins, organisations, personnes};
use passerelle_core::cet::mandats::{self, EtatMandat, SaisieCampagne, SaisieMandat};
use passerelle_core::cet::registre::{self, FiltreCet, SaisieCet, SaisieJury};
use passerelle_core::cet::{animations, bilan, documents, export, import};
use passerelle_core::reunions::{self, SaisieReunion};
use passerelle_core::{base, echeancier, rapport, tableur, Connection, Erreur};

mod common;
use common::{compter, d, evenements_ics, octets_pdf_en_ligne, participants_ics, sans_nbsp};

/// Une base avec le bassin de Lens, prête pour les imports.
fn base_lille() -> Connection {
    let c = base::en_memoire().unwrap();
    let lille = academies::trouver(&c, "Lille").unwrap().id;
    bassins::creer(
        &c,
        &bassins::SaisieBassin {
            nom: "Lens-Liévin".into(),
            academie_id: Some(lille),
        },
    )
    .unwrap();
    c
}

const ENTETE: &str = "civilite;nom;prenom;email;telephone;employeur;secteur;cpc;organisation_proposante;academie;bassin;debut_mandat;fin_mandat";

fn csv_valide() -> String {
    [
        ENTETE,
        "Mme;Lefèvre;Hélène;helene.lefevre@forges.fr;03 21 00 00 01;Forges de l'Escaut;Métallurgie;Métallurgie;Union des métiers du métal;Lille;Lens-Liévin;01/01/2024;31/12/2028",
        "M.;Dupré;Gaël;gael.dupre@batir.fr;;Bâtir du Nord;Bâtiment;Bâtiment, travaux publics et matériaux de construction;Fédération du bâtiment;09;;01/09/2023;31/08/2026",
        "M;Noël;Jérôme;;;;Hôtellerie;Tourisme, hôtellerie, restauration;;Lille;;01/01/2027;31/12/2031",
    ]
    .join("\r\n")
}

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
    let r = import::importer(&c, &octets, None, true).unwrap();
    assert_eq!((r.lignes, r.importees, r.essai), (3, 3, true));
    assert_eq!(compter(&c, "cet"), 0);
    let r = import::importer(&c, &octets, None, false).unwrap();
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
    let r = import::importer(&c, &latin, None, false).unwrap();
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
    let Err(Erreur::Import(lignes)) = import::importer(&c, fichier.as_bytes(), None, false) else {
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
    let e = import::importer(&c, b"nom;prenom\nA;B\n", None, false)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("Colonnes obligatoires introuvables") && e.contains("Académie"),
        "{e}"
    );
    let e = import::importer(&c, format!("{ENTETE}\n\"Mme;X").as_bytes(), None, false)
        .unwrap_err()
        .to_string();
    assert!(e.contains("guillemet"), "{e}");
}

#[test]
fn classeur_xlsx_et_correspondance_choisie() {
    let c = base_lille();
    // Un classeur aux en-têtes inhabituels : la correspondance proposée en reconnaît une partie,
    // l'utilisateur choisit le reste.
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
    let r = import::importer(&c, &xlsx, Some(&choix), false).unwrap();
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
    assert!(import::importer(&c, &xlsx, Some(&choix), false)
        .unwrap_err()
        .to_string()
        .contains("n° 43"));
}

#[test]
fn export_csv_et_xlsx_se_reimportent() {
    let c = base_lille();
    import::importer(&c, csv_valide().as_bytes(), None, false).unwrap();
    for format in ["csv", "xlsx"] {
        let octets = export::fichier_registre(&c, &FiltreCet::default(), format).unwrap();
        let autre = base_lille();
        let r = import::importer(&autre, &octets, None, false).unwrap();
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

/// Trois CET saisis à la main dans l'académie de Lille.
fn registre_manuel(c: &Connection) -> (i64, [i64; 3]) {
    let lille = academies::trouver(c, "Lille").unwrap().id;
    let org = organisations::creer(
        c,
        &organisations::SaisieOrganisation {
            type_: "organisation_professionnelle".into(),
            nom: "Union des métiers du métal".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let emp = organisations::creer(
        c,
        &organisations::SaisieOrganisation {
            type_: "entreprise".into(),
            nom: "Forges de l'Escaut".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let mut ids = [0; 3];
    for (i, (nom, prenom, secteur, debut, fin)) in [
        ("DURAND", "Anne", "Métallurgie", "01/01/2022", "31/12/2026"),
        ("MOREL", "Paul", "Métallurgie", "01/01/2023", "31/12/2027"),
        ("ROY", "Lina", "Bâtiment", "01/01/2022", "31/12/2026"),
    ]
    .into_iter()
    .enumerate()
    {
        let p = personnes::creer(
            c,
            &personnes::SaisiePersonne {
                civilite: "Mme".into(),
                nom: nom.into(),
                prenom: prenom.into(),
                email: format!("{}@exemple.fr", prenom.to_lowercase()),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
        let s = SaisieCet {
            personne_id: Some(p),
            statut_pro: "salarie".into(),
            employeur_id: Some(emp),
            secteur: secteur.into(),
            organisation_proposante_id: Some(org),
            academie_id: Some(lille),
            missions: vec!["jurys".into(), "expertise".into()],
            date_arrete: "15/12/2021".into(),
            debut_mandat: debut.into(),
            fin_mandat: fin.into(),
            ..Default::default()
        };
        ids[i] = registre::creer(c, &s).unwrap().id;
    }
    (lille, ids)
}

#[test]
fn saisie_controlee_etats_des_mandats_et_campagne_de_renouvellement() {
    let c = base::en_memoire().unwrap();
    let (lille, ids) = registre_manuel(&c);
    // Saisie refusée : personne absente, organisation proposante manquante, mandat à l'envers.
    let e = registre::creer(
        &c,
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
    let deja = registre::lire(&c, ids[0]).unwrap().personne_id;
    let e = registre::creer(
        &c,
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
    assert_eq!(compter(&c, "cet"), 3);

    // États au 27/11/2026 : deux mandats finissent le 31/12/2026 (à renouveler), un en 2027.
    let jour = d("27/11/2026");
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
            &c,
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
        &c,
        &FiltreCet {
            etat_mandat: Some("perdu".into()),
            ..Default::default()
        },
        jour
    )
    .is_err());
    // L'échéancier montre les deux fins de mandat du 31/12/2026 en une ligne.
    let e: Vec<_> = echeancier::echeances(&c, jour, jour + Days::new(90))
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

    // Campagne : mandats finissant au plus tard le 31/12/2026, renouvelés au 1er janvier pour cinq ans.
    let campagne = SaisieCampagne {
        fin_au_plus_tard: "31/12/2026".into(),
        date_arrete: "10/12/2026".into(),
        nouveau_debut: "01/01/2027".into(),
        nouvelle_fin: "31/12/2031".into(),
        academie_id: Some(lille),
    };
    let apercu = mandats::apercu(&c, &campagne).unwrap();
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
    let Err(Erreur::Validation(champs)) = mandats::apercu(&c, &mauvaise) else {
        panic!("campagne acceptée")
    };
    // L'erreur porte sur le champ du formulaire de campagne, pour s'afficher sous lui.
    assert_eq!(
        champs.iter().map(|x| x.champ).collect::<Vec<_>>(),
        ["nouveau_debut"]
    );
    assert!(champs[0].message.contains("après la fin"));
    // Un CET hors aperçu ne peut pas être retenu ; on n'en retient qu'un.
    assert!(mandats::appliquer(&c, &campagne, Some(&[ids[1]]))
        .unwrap_err()
        .to_string()
        .contains("pas concerné"));
    assert_eq!(
        mandats::appliquer(&c, &campagne, Some(&[ids[0]])).unwrap(),
        1
    );
    let anne = registre::lister_au(&c, &FiltreCet::default(), jour)
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
        mandats::mandats(&c, ids[0]).unwrap().len(),
        2,
        "l'ancien mandat reste dans l'historique"
    );
    // Le reste de la campagne, puis plus rien à renouveler.
    assert_eq!(mandats::appliquer(&c, &campagne, None).unwrap(), 1);
    assert!(mandats::appliquer(&c, &campagne, None)
        .unwrap_err()
        .to_string()
        .contains("Aucun mandat"));
    // Renouvellement individuel : il doit commencer après la fin du mandat en cours.
    let e = mandats::ajouter(
        &c,
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

#[test]
fn animations_invitations_par_secteur_presences_et_cet_inactifs() {
    let c = base::en_memoire().unwrap();
    let (lille, ids) = registre_manuel(&c);
    let nouvelle = |date: &str, secteurs: &[&str]| {
        let s = animations::SaisieAnimation {
            academie_id: Some(lille),
            reunion: SaisieReunion {
                type_: "animation_thematique".into(),
                date: date.into(),
                heure: "14h".into(),
                lieu: "Rectorat".into(),
                ..Default::default()
            },
            theme: "Accueillir des stagiaires de seconde".into(),
            secteurs: secteurs.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        animations::creer(&c, &s).unwrap()
    };
    // Type de réunion de comité refusé pour une animation ; académie obligatoire.
    let mauvaise = animations::SaisieAnimation {
        academie_id: Some(lille),
        reunion: SaisieReunion {
            type_: "pleniere".into(),
            date: "01/02/2025".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    assert!(animations::creer(&c, &mauvaise)
        .unwrap_err()
        .to_string()
        .contains("type de réunion"));
    assert!(
        animations::creer(&c, &animations::SaisieAnimation::default())
            .unwrap_err()
            .to_string()
            .contains("académie")
    );

    let a = nouvelle("12/03/2025", &["métallurgie"]);
    // Anne et Paul (Métallurgie, mandats en cours en mars 2025) ; pas Lina (Bâtiment).
    assert_eq!(
        animations::inviter_par_secteurs(&c, a.reunion.id).unwrap(),
        2
    );
    assert_eq!(
        animations::inviter_par_secteurs(&c, a.reunion.id).unwrap(),
        0,
        "pas d'invitation en double"
    );
    // Paul n'a de mandat qu'à partir de 2023 : en 2022 seule Anne est invitée.
    let ancienne = nouvelle("15/06/2022", &["Métallurgie", "Bâtiment"]);
    assert_eq!(
        animations::inviter_par_secteurs(&c, ancienne.reunion.id).unwrap(),
        2
    );
    let personne = |i: usize| registre::lire(&c, ids[i]).unwrap().personne_id;
    reunions::marquer_presence(&c, a.reunion.id, personne(0), "present").unwrap();
    reunions::marquer_presence(&c, a.reunion.id, personne(1), "excuse").unwrap();
    reunions::marquer_presence(&c, ancienne.reunion.id, personne(2), "present").unwrap();
    let a = animations::lire(&c, a.reunion.id).unwrap();
    assert_eq!((a.invites, a.presents), (2, 1));

    // Historique d'Anne, la plus récente d'abord ; Lina n'a que l'animation de 2022.
    let h = registre::participations(&c, ids[0]).unwrap();
    assert_eq!(
        h.iter()
            .map(|p| (p.date, p.etat.clone()))
            .collect::<Vec<_>>(),
        [
            (d("12/03/2025"), Some("present".into())),
            (d("15/06/2022"), None)
        ]
    );
    // Sans participation depuis deux ans (au 27/11/2026) : Paul (excusé) et Lina (2022).
    let inactifs = registre::lister_au(
        &c,
        &FiltreCet {
            inactif_depuis_ans: Some(2),
            ..Default::default()
        },
        d("27/11/2026"),
    )
    .unwrap();
    let mut noms: Vec<String> = inactifs.lignes.iter().map(|x| x.prenom.clone()).collect();
    noms.sort();
    assert_eq!(noms, ["Lina", "Paul"]);
    assert_eq!(
        registre::lire(&c, ids[0]).unwrap().derniere_participation,
        Some(d("12/03/2025"))
    );

    // Publipostage : les invités avec leur courriel ; invitation .ics relue.
    let csv = documents::csv_publipostage(&c, a.reunion.id).unwrap();
    assert!(
        csv.starts_with('\u{feff}')
            && csv.contains("anne@exemple.fr")
            && csv.contains("paul@exemple.fr")
            && !csv.contains("lina@"),
        "{csv}"
    );
    let ics = evenements_ics(&reunions::documents::ics_invitation(&c, a.reunion.id).unwrap());
    assert_eq!(participants_ics(&ics[0]).len(), 2);
    let t = octets_pdf_en_ligne(&documents::pdf_invitation(&c, a.reunion.id).unwrap());
    for attendu in [
        "Convocation – Animation thématique – Réseau des CET – académie de Lille",
        "Thème : Accueillir des stagiaires de seconde",
        "Secteurs concernés : métallurgie.",
        "DURAND Anne",
    ] {
        assert!(
            t.contains(attendu),
            "« {attendu} » absent de l'invitation :\n{t}"
        );
    }
    let t = octets_pdf_en_ligne(
        &documents::fichier_document(&c, a.reunion.id, "emargement")
            .unwrap()
            .0,
    );
    assert!(
        t.contains("Feuille d'émargement") && t.contains("MOREL Paul"),
        "{t}"
    );
}

#[test]
fn retours_aux_organisations_et_avis_a_l_employeur() {
    let c = base::en_memoire().unwrap();
    let (_, ids) = registre_manuel(&c);
    // Paul : proposé, l'arrêté n'est pas encore pris (mandat sans date d'arrêté).
    c.execute(
        "UPDATE mandat_cet SET date_arrete = NULL WHERE cet_id = ?1",
        [ids[1]],
    )
    .unwrap();
    let jour = d("27/11/2026");
    let t = octets_pdf_en_ligne(
        &rapport::rendre_pdf(&documents::rendre_retour(
            &documents::modele_retour(&c, None, jour).unwrap(),
        ))
        .unwrap(),
    );
    for attendu in [
        "Le 27/11/2026",
        "À l'attention de : Union des métiers du métal",
        "Objet : conseillers entreprise pour l'École proposés par votre organisation",
        "Votre organisation a proposé 3 professionnel(s)",
        "2 ont été nommé(s)",
        "Mme DURAND Anne",
        "01/01/2022 – 31/12/2026",
        "nommé(e) par arrêté du 15/12/2021",
        "proposé(e), arrêté non encore pris",
        "Secteurs représentés : Bâtiment, Métallurgie.",
    ] {
        assert!(t.contains(attendu), "« {attendu} » absent du retour :\n{t}");
    }
    let csv = documents::rendre_retour_csv(&documents::modele_retour(&c, None, jour).unwrap());
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(csv.contains("Union des métiers du métal;Mme;MOREL;Paul;Métallurgie;;01/01/2023;31/12/2027;;proposé(e), arrêté non encore pris"), "{csv}");
    let id_org: i64 = c
        .query_row(
            "SELECT id FROM organisation WHERE nom = 'Forges de l''Escaut'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(documents::modele_retour(&c, Some(id_org), jour)
        .unwrap_err()
        .to_string()
        .contains("n'a proposé aucun CET"));

    let t = octets_pdf_en_ligne(
        &rapport::rendre_pdf(&documents::rendre_avis_employeur(
            &documents::modele_avis_employeur(&c, ids[0], jour).unwrap(),
        ))
        .unwrap(),
    );
    for attendu in [
        "À l'attention de la direction de : Forges de l'Escaut",
        "Objet : nomination de Mme Anne DURAND en qualité de conseiller entreprise pour l'École",
        "pour le secteur « Métallurgie »",
        "du 01/01/2022 au 31/12/2026",
        "par arrêté du recteur du 15/12/2021",
        "Ses missions : Expertise et conseil, Jurys d'examens.",
    ] {
        assert!(t.contains(attendu), "« {attendu} » absent de l'avis :\n{t}");
    }
}

#[test]
fn bilan_annuel_des_cet() {
    let c = base::en_memoire().unwrap();
    let (lille, ids) = registre_manuel(&c);
    mandats::ajouter(
        &c,
        ids[2],
        &SaisieMandat {
            debut: "01/01/2027".into(),
            fin: "31/12/2031".into(),
            date_arrete: String::new(),
        },
    )
    .unwrap();
    registre::ajouter_jury(
        &c,
        ids[0],
        &SaisieJury {
            session: "Session 2026".into(),
            diplome: "Bac pro Technicien en chaudronnerie".into(),
            date: "12/06/2026".into(),
        },
    )
    .unwrap();
    registre::ajouter_jury(
        &c,
        ids[1],
        &SaisieJury {
            session: "Session 2026".into(),
            diplome: "Bac pro Technicien en chaudronnerie".into(),
            date: "13/06/2026".into(),
        },
    )
    .unwrap();
    registre::ajouter_jury(
        &c,
        ids[1],
        &SaisieJury {
            session: "Session 2025".into(),
            diplome: "CAP".into(),
            date: "13/06/2025".into(),
        },
    )
    .unwrap();
    assert!(registre::ajouter_jury(
        &c,
        ids[1],
        &SaisieJury {
            session: "".into(),
            diplome: "CAP".into(),
            date: "hier".into()
        }
    )
    .is_err());
    let s = animations::SaisieAnimation {
        academie_id: Some(lille),
        reunion: SaisieReunion {
            type_: "seminaire_academique".into(),
            date: "14/01/2026".into(),
            ..Default::default()
        },
        theme: "Jurys et certification".into(),
        secteurs: vec!["Métallurgie".into()],
        ..Default::default()
    };
    let a = animations::creer(&c, &s).unwrap();
    animations::inviter_par_secteurs(&c, a.reunion.id).unwrap();
    reunions::marquer_non_pointes_presents(&c, a.reunion.id).unwrap();

    // 2026-2027 : les trois en fonction ; le mandat de Lina (2027) est un renouvellement ; celui
    // d'Anne finit le 31/12/2026 sans suite (celui de Lina aussi, mais il est renouvelé).
    let b = bilan::modele_bilan(&c, 2026, Some(lille), d("27/11/2026")).unwrap();
    assert_eq!(
        (
            b.en_fonction,
            b.nominations,
            b.renouvellements,
            b.fins_de_mandat
        ),
        (3, 1, 1, 1)
    );
    // 2025-2026 : deux jurys de juin 2026, une animation, les deux mandats 2022-2026 ne finissent qu'en décembre.
    let b = bilan::modele_bilan(&c, 2025, Some(lille), d("27/11/2026")).unwrap();
    assert_eq!(
        b.par_secteur,
        [
            ("CPC non renseignée".to_string(), "Bâtiment".to_string(), 1),
            (
                "CPC non renseignée".to_string(),
                "Métallurgie".to_string(),
                2
            )
        ]
    );
    assert_eq!(
        b.jurys,
        [("Bac pro Technicien en chaudronnerie".to_string(), 2)]
    );
    assert_eq!(b.animations.len(), 1);
    assert_eq!((b.animations[0].invites, b.animations[0].presents), (2, 2));
    let t = octets_pdf_en_ligne(&rapport::rendre_pdf(&bilan::rendre_bilan(&b)).unwrap());
    for attendu in [
        "Bilan des conseillers entreprise pour l'École",
        "Académie de Lille",
        "Année scolaire 2025-2026",
        "3 conseiller(s) entreprise pour l'École en fonction",
        "Total 3",
        "1 animation(s) tenue(s), 2 invitation(s), 2 présence(s) (100 % des invités)",
        "14/01/2026",
        "Séminaire académique",
        "Jurys et certification",
        "Bac pro Technicien en chaudronnerie 2",
    ] {
        assert!(t.contains(attendu), "« {attendu} » absent du bilan :\n{t}");
    }
}

#[test]
fn classeur_ods_tenu_sous_libreoffice() {
    let c = base_lille();
    let ods = include_bytes!("fixtures/cet.ods");
    let apercu = import::apercu(ods).unwrap();
    assert!(apercu.format.contains(".ods"), "{}", apercu.format);
    assert_eq!(apercu.lignes, 2);
    let r = import::importer(&c, ods, None, false).unwrap();
    assert_eq!(r.importees, 2);
    let x = registre::lister(
        &c,
        &FiltreCet {
            liste: passerelle_core::liste::ParametresListe {
                recherche: "lefevre".into(),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        (x.total, x.lignes[0].employeur.as_deref()),
        (1, Some("Forges de l'Escaut"))
    );
}

#[test]
fn suppressions_refusees_tant_que_le_registre_cite() {
    let c = base::en_memoire().unwrap();
    let (_, ids) = registre_manuel(&c);
    let x = registre::lire(&c, ids[0]).unwrap();
    // La personne et son employeur sont cités par le registre : le message le dit, avec le nom.
    let e = sans_nbsp(
        &personnes::supprimer(&c, x.personne_id)
            .unwrap_err()
            .to_string(),
    );
    assert!(
        e.contains("registre des CET") && e.contains("Anne DURAND"),
        "{e}"
    );
    let e = sans_nbsp(
        &organisations::supprimer(&c, x.employeur_id.unwrap())
            .unwrap_err()
            .to_string(),
    );
    assert!(e.contains("registre des CET"), "{e}");
    // Retirer le CET du registre emporte ses mandats ; la personne reste dans l'annuaire.
    registre::supprimer(&c, ids[0]).unwrap();
    assert_eq!(compter(&c, "mandat_cet"), 2);
    assert!(personnes::supprimer(&c, x.personne_id).is_ok());
}
