//! Réunions de CLEE, CET importés et saisies fautives.

use super::outils::*;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn reunion_de_clee_presences_compte_rendu_imprime() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("clee-e2e.sqlite");
    let (pilote, c) = Pilote::demarrer(&db).await;
    cliquer(&c, "#accueil-demo").await;
    attendre_texte(&c, "main h1", |t| t == "Tableau de bord").await;
    cliquer(&c, "#menu a[href='#/clee']").await;
    saisir(&c, "#comites-recherche", "lens").await;
    attendre_texte(&c, "#comites-compte", |t| t == "1 comité").await;
    cliquer(&c, "#comites-table tbody tr button[aria-label^='Fiche']").await;
    attendre_texte(&c, "#fiche-titre", |t| t.contains("Lens-Liévin")).await;
    attendre_texte(&c, "#membres-table", |t| {
        t.contains("Monde économique") && t.contains("Co-pilote")
    })
    .await;
    capturer(&c, "clee-fiche").await;

    // Une réunion plénière au lycée support, dans trois jours.
    let jour = (chrono::Local::now().date_naive() + chrono::Days::new(3))
        .format("%d/%m/%Y")
        .to_string();
    choisir(&c, "#reunion-formulaire-type", "Réunion plénière").await;
    saisir(&c, "#reunion-formulaire-date", &jour).await;
    saisir(&c, "#reunion-formulaire-heure", "9h").await;
    choisir(
        &c,
        "#reunion-formulaire-etablissement_id",
        "Lycée professionnel Jean-Moulin (Lens)",
    )
    .await;
    saisir(&c, "#reunion-formulaire-lieu", "salle du conseil").await;
    cliquer(&c, "#reunion-formulaire button[type=submit]").await;
    attendre_texte(&c, "#reunions-table", |t| {
        t.contains("salle du conseil") && t.contains(&jour)
    })
    .await;
    cliquer(
        &c,
        &format!("#reunions-table button[aria-label='Ouvrir la réunion du {jour}']"),
    )
    .await;
    attendre_texte(&c, "#reunion-titre", |t| {
        t.contains("Réunion plénière") && t.contains("09h00")
    })
    .await;

    // Pointage : une personne excusée, puis tous les autres présents d'un clic.
    let premier = attendre(&c, "#presences-table select").await;
    let id = premier.attr("id").await.unwrap().unwrap();
    let excuse = lignes(&c, "#presences-table").await[0]
        .split('\t')
        .next()
        .unwrap()
        .trim()
        .to_string();
    choisir(&c, &format!("#{id}"), "Excusé").await;
    cliquer(&c, "#tous-presents").await;
    // Les commandes répondent hors du fil de la fenêtre : on attend que la liste soit redessinée.
    let mut valeurs: Vec<String> = Vec::new();
    let debut = Instant::now();
    while debut.elapsed() < ATTENTE {
        let v = c
            .execute(
                "return [...document.querySelectorAll('#presences-table select')].map(s => s.value)",
                vec![],
            )
            .await
            .unwrap();
        valeurs = serde_json::from_value(v).unwrap();
        if valeurs.len() > 1 && valeurs[1..].iter().all(|v| v == "present") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(valeurs[0], "excuse", "{valeurs:?}");
    assert!(
        valeurs.len() >= 8 && valeurs[1..].iter().all(|v| v == "present"),
        "{valeurs:?}"
    );

    // Compte rendu : l'ordre du jour proposé reprend les actions ouvertes ; on écrit le premier point.
    cliquer(&c, "#reprendre-odj").await;
    attendre_texte(&c, "#reunion", |t| {
        t.contains("Suivi de l'action : Établir la liste des professeurs volontaires")
    })
    .await;
    let premier = attendre(&c, "#reunion textarea").await;
    let zone = premier.attr("id").await.unwrap().unwrap();
    saisir(
        &c,
        &format!("#{zone}"),
        "Séance ouverte par les co-pilotes ; compte rendu précédent adopté.",
    )
    .await;
    saisir(
        &c,
        "#nouvelle-decision",
        "Un second forum aura lieu au printemps.",
    )
    .await;
    cliquer(&c, "#ajouter-decision").await;
    attendre_texte(&c, "#decisions-liste", |t| t.contains("second forum")).await;
    capturer(&c, "clee-reunion").await;
    // Le dialogue « Enregistrer sous » répond un dossier : le document y prend son nom français.
    let dossier = d.path().join("Mes documents");
    std::fs::create_dir(&dossier).unwrap();
    repondre(&db, &[&dossier]);
    cliquer(&c, "#reunion-compte-rendu").await;
    let chemin = fichier_enregistre(&c, "#reunion-message", "Fichier enregistré").await;
    assert!(
        chemin.starts_with(&dossier)
            && nom(&chemin).starts_with("Compte rendu - CLEE du bassin de Lens-Liévin - ")
            && nom(&chemin).ends_with(".pdf"),
        "{}",
        chemin.display()
    );
    let texte = texte_pdf_en_ligne(&chemin);
    let (nom, prenom) = excuse.split_once(' ').unwrap();
    for attendu in [
        "Compte rendu – CLEE du bassin de Lens-Liévin".to_string(),
        format!("Étaient excusés : {} {prenom}", nom.to_uppercase()),
        "Étaient présents : ".to_string(),
        "compte rendu précédent adopté".to_string(),
        "Un second forum aura lieu au printemps.".to_string(),
    ] {
        assert!(
            texte.contains(&attendu),
            "« {attendu} » absent du compte rendu :\n{texte}"
        );
    }
    c.close().await.unwrap();
    drop(pilote);
    // Ce que la fenêtre a écrit est bien dans la base.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (presents, excuses): (i64, i64) = conn
        .query_row(
            "SELECT sum(etat = 'present'), sum(etat = 'excuse') FROM reunion_presence
             WHERE reunion_id = (SELECT max(id) FROM reunion WHERE lieu = 'salle du conseil')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((presents as usize, excuses), (valeurs.len() - 1, 1));
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn cet_importes_dans_la_fenetre_presence_a_une_animation_puis_historique() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("cet-e2e.sqlite");
    let (pilote, c) = Pilote::demarrer(&db).await;
    cliquer(&c, "#accueil-vide").await;
    attendre_texte(&c, "main h1", |t| t == "Tableau de bord").await;
    cliquer(&c, "#menu a[href='#/cet']").await;
    cliquer(&c, "a[href='#/cet/import']").await;

    // Import d'une liste de l'académie, en Windows-1252 : aperçu des colonnes, puis import.
    let liste = d.path().join("cet-lille.csv");
    let texte = "civilite;nom;prenom;email;telephone;employeur;secteur;cpc;organisation_proposante;academie;bassin;debut_mandat;fin_mandat\n\
                 Mme;Lefèvre;Hélène;helene.lefevre@forges.fr;;Forges de l'Escaut;Métallurgie;Métallurgie;Union des métiers du métal;Lille;;01/01/2024;31/12/2028\n\
                 M.;Dupré;Gaël;gael.dupre@batir.fr;;Bâtir du Nord;Bâtiment;;Fédération du bâtiment;Lille;;01/01/2024;31/12/2028\n";
    std::fs::write(
        &liste,
        texte
            .chars()
            .map(|ch| u8::try_from(ch as u32).unwrap())
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    repondre(&db, &[&liste]);
    cliquer(&c, "#import-cet-choisir").await;
    attendre_texte(&c, "#import-cet-format", |t| {
        t.contains("Windows-1252") && t.contains("2 ligne")
    })
    .await;
    let colonne = attendre(&c, "#colonne-nom")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        colonne.as_deref(),
        Some("1"),
        "la colonne « nom » est reconnue"
    );
    capturer(&c, "cet-import").await;
    cliquer(&c, "#import-cet-valider").await;
    let compte = attendre_texte(&c, "#import-cet-resultat .alerte", |t| !t.is_empty()).await;
    assert!(
        compte.contains("2 CET importés") && compte.contains("Forges de l'Escaut"),
        "{compte}"
    );

    // Une réunion d'information pour la métallurgie, avant-hier : invitations par secteur, présence.
    cliquer(&c, "a[href='#/cet/animations']").await;
    let jour = (chrono::Local::now().date_naive() - chrono::Days::new(2))
        .format("%d/%m/%Y")
        .to_string();
    choisir(&c, "#animation-formulaire-academie_id", "Lille").await;
    choisir(&c, "#animation-formulaire-type", "Réunion d'information").await;
    saisir(&c, "#animation-formulaire-date", &jour).await;
    saisir(&c, "#animation-formulaire-lieu", "Rectorat, salle 3").await;
    saisir(&c, "#animation-formulaire-theme", "Les jurys de la session").await;
    choisir(&c, "#animation-formulaire-secteurs", "Métallurgie").await;
    cliquer(&c, "#animation-formulaire button[type=submit]").await;
    attendre_texte(&c, "#reunion-titre", |t| {
        t.contains("Réunion d'information") && t.contains(&jour)
    })
    .await;
    cliquer(&c, "#inviter-secteurs").await;
    attendre_texte(&c, "#reunion-message", |t| t.contains("1 CET invité")).await;
    let l = lignes(&c, "#presences-table").await;
    assert_eq!(l.len(), 1, "seule la métallurgie est invitée : {l:?}");
    assert!(l[0].contains("LEFÈVRE Hélène"), "{l:?}");
    choisir(&c, "#presences-table select", "Présent").await;
    capturer(&c, "cet-animation").await;

    // La fiche de la conseillère montre sa participation.
    cliquer(&c, "a[href='#/cet/registre']").await;
    saisir(&c, "#cet-recherche", "lefevre").await;
    attendre_texte(&c, "#cet-compte", |t| t == "1 CET").await;
    cliquer(&c, "#cet-table tbody tr button[aria-label^='Fiche']").await;
    attendre_texte(&c, "#fiche-titre", |t| t.contains("Hélène LEFÈVRE")).await;
    let h = attendre_texte(&c, "#participations-table", |t| t.contains(&jour)).await;
    assert!(
        h.contains("Réunion d'information")
            && h.contains("Les jurys de la session")
            && h.contains("Présent"),
        "{h}"
    );
    capturer(&c, "cet-fiche").await;
    c.close().await.unwrap();
    drop(pilote);
}

/// Soumet un formulaire et attend le message d'erreur sous le champ `champ`.
async fn erreur_sous(c: &Client, formulaire: &str, champ: &str, attendu: &str) {
    cliquer(c, &format!("#{formulaire} button[type=submit]")).await;
    attendre_texte(c, &format!("#{formulaire}-{champ}-erreur"), |t| {
        t.contains(attendu)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn saisies_fautives_des_clee_et_des_cet_signalees_sous_le_champ() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("fautes-e2e.sqlite");
    let (pilote, c) = Pilote::demarrer(&db).await;
    cliquer(&c, "#accueil-demo").await;
    attendre_texte(&c, "main h1", |t| t == "Tableau de bord").await;
    let avant = |table: &str| -> i64 {
        rusqlite::Connection::open(&db)
            .unwrap()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    let comptes: Vec<i64> = [
        "comite_clee",
        "reunion",
        "action_clee",
        "cet",
        "mandat_cet",
        "cet_jury",
        "cpc",
    ]
    .iter()
    .map(|t| avant(t))
    .collect();

    // CLEE : comité sans nom ni bassin, réunion au 31 février, action au nombre négatif.
    cliquer(&c, "#menu a[href='#/clee']").await;
    cliquer(&c, "#comites-nouveau").await;
    erreur_sous(&c, "comites-formulaire", "nom", "nom du comité").await;
    attendre_texte(&c, "#comites-formulaire-bassin_ids-erreur", |t| {
        t.contains("au moins un bassin")
    })
    .await;
    cliquer(&c, "#comites-formulaire button.secondaire").await;
    saisir(&c, "#comites-recherche", "lens").await;
    attendre_texte(&c, "#comites-compte", |t| t == "1 comité").await;
    cliquer(&c, "#comites-table tbody tr button[aria-label^='Fiche']").await;
    saisir(&c, "#reunion-formulaire-date", "31/02/2026").await;
    erreur_sous(&c, "reunion-formulaire", "date", "Date de la réunion").await;
    saisir(&c, "#action-clee-formulaire-date", "12/01/2026").await;
    choisir(&c, "#action-clee-formulaire-type", "Forum des métiers").await;
    saisir(&c, "#action-clee-formulaire-intitule", "Forum d'essai").await;
    saisir(&c, "#action-clee-formulaire-filles", "-3").await;
    erreur_sous(&c, "action-clee-formulaire", "filles", "négatif").await;
    capturer(&c, "clee-erreur").await;

    // CET : fiche sans personne, mandat à l'envers, jury sans date, animation sans académie,
    // campagne qui commence avant la fin, CPC en double, fichier qui n'est pas une liste.
    cliquer(&c, "#menu a[href='#/cet']").await;
    cliquer(&c, "#cet-nouveau").await;
    erreur_sous(
        &c,
        "cet-formulaire",
        "personne_id",
        "Choisissez la personne",
    )
    .await;
    cliquer(&c, "#cet-formulaire button.secondaire").await;
    cliquer(&c, "#cet-table tbody tr button[aria-label^='Fiche']").await;
    saisir(&c, "#mandat-formulaire-debut_mandat", "01/01/2040").await;
    saisir(&c, "#mandat-formulaire-fin_mandat", "01/01/2039").await;
    erreur_sous(&c, "mandat-formulaire", "fin_mandat", "précède son début").await;
    saisir(&c, "#jury-formulaire-session", "Session 2026").await;
    saisir(&c, "#jury-formulaire-diplome", "CAP").await;
    saisir(&c, "#jury-formulaire-date", "hier").await;
    erreur_sous(&c, "jury-formulaire", "date", "Date du jury").await;
    capturer(&c, "cet-erreur").await;
    cliquer(&c, "a[href='#/cet/animations']").await;
    saisir(&c, "#animation-formulaire-date", "12/01/2026").await;
    erreur_sous(&c, "animation-formulaire", "academie_id", "académie").await;
    cliquer(&c, "a[href='#/cet/campagne']").await;
    saisir(&c, "#campagne-formulaire-nouveau_debut", "01/12/2000").await;
    erreur_sous(&c, "campagne-formulaire", "nouveau_debut", "après la fin").await;
    cliquer(&c, "a[href='#/cet/cpc']").await;
    cliquer(&c, "#cpc-nouveau").await;
    saisir(&c, "#cpc-formulaire-nom", "métallurgie").await;
    erreur_sous(&c, "cpc-formulaire", "nom", "existe déjà").await;
    cliquer(&c, "a[href='#/cet/import']").await;
    let faux = d.path().join("pas-une-liste.csv");
    std::fs::write(&faux, "bonjour\nau revoir\n").unwrap();
    repondre(&db, &[&faux]);
    cliquer(&c, "#import-cet-choisir").await;
    attendre(&c, "#correspondance-table").await;
    cliquer(&c, "#import-cet-valider").await;
    let t = attendre_texte(&c, "#import-cet-resultat .alerte", |t| !t.is_empty()).await;
    assert!(
        t.contains("Colonnes obligatoires introuvables") && t.contains("rien n'a été enregistré"),
        "{t}"
    );
    capturer(&c, "cet-import-erreur").await;
    c.close().await.unwrap();
    drop(pilote);
    // Rien n'a été écrit.
    let apres: Vec<i64> = [
        "comite_clee",
        "reunion",
        "action_clee",
        "cet",
        "mandat_cet",
        "cet_jury",
        "cpc",
    ]
    .iter()
    .map(|t| avant(t))
    .collect();
    assert_eq!(apres, comptes);
}

/// Le sélecteur d'établissement d'une réunion de CLEE : quelques lettres de la commune (sans
/// accent), la liste montre libellé et contexte, flèche basse et Entrée choisissent, la réunion
/// est enregistrée avec ce lieu. Puis une organisation créée depuis le sélecteur lui-même.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn selecteur_d_etablissement_par_la_commune_dans_une_reunion_de_clee() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("selecteur-e2e.sqlite");
    let (pilote, c) = Pilote::demarrer(&db).await;
    cliquer(&c, "#accueil-demo").await;
    attendre_texte(&c, "main h1", |t| t == "Tableau de bord").await;
    cliquer(&c, "#menu a[href='#/clee']").await;
    saisir(&c, "#comites-recherche", "lens").await;
    attendre_texte(&c, "#comites-compte", |t| t == "1 comité").await;
    cliquer(&c, "#comites-table tbody tr button[aria-label^='Fiche']").await;
    attendre_texte(&c, "#fiche-titre", |t| t.contains("Lens-Liévin")).await;

    let jour = (chrono::Local::now().date_naive() + chrono::Days::new(5))
        .format("%d/%m/%Y")
        .to_string();
    choisir(&c, "#reunion-formulaire-type", "Réunion plénière").await;
    saisir(&c, "#reunion-formulaire-date", &jour).await;
    let champ = "#reunion-formulaire-etablissement_id";
    saisir(&c, champ, "lievi").await;
    let liste = "#reunion-formulaire-etablissement_id-liste";
    let options = attendre_texte(&c, liste, |t| t.contains("Marie-Curie")).await;
    assert!(options.contains("Liévin · 0625235D"), "{options}");
    assert!(!options.contains("Jean-Moulin"), "{options}");
    let etat = c
        .execute(
            "const i = document.querySelector(arguments[0]);
             return [i.getAttribute('aria-expanded'), i.getAttribute('aria-activedescendant'),
                     document.getElementById(i.getAttribute('aria-controls')).getAttribute('role')];",
            vec![serde_json::json!(champ)],
        )
        .await
        .unwrap();
    assert_eq!(
        etat,
        serde_json::json!([
            "true",
            "reunion-formulaire-etablissement_id-option-0",
            "listbox"
        ])
    );
    c.execute(
        "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })",
        vec![serde_json::json!(champ)],
    )
    .await
    .unwrap();
    capturer(&c, "selecteur-ouvert").await;
    // Flèche basse vers « Créer « lievi »… », flèche haute : retour à la fiche ; Entrée la choisit.
    let saisie = attendre(&c, champ).await;
    saisie.send_keys("\u{E015}").await.unwrap();
    saisie.send_keys("\u{E013}").await.unwrap();
    saisie.send_keys("\u{E007}").await.unwrap();
    let valeur = attendre(&c, champ).await.prop("value").await.unwrap();
    assert_eq!(valeur.as_deref(), Some("Lycée polyvalent Marie-Curie"));
    cliquer(&c, "#reunion-formulaire button[type=submit]").await;
    attendre_texte(&c, "#reunions-table", |t| {
        t.contains(&jour) && t.contains("Marie-Curie")
    })
    .await;
    let iso = (chrono::Local::now().date_naive() + chrono::Days::new(5))
        .format("%Y-%m-%d")
        .to_string();
    let lieu: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM reunion r JOIN etablissement e ON e.id = r.etablissement_id
             WHERE e.uai = '0625235D' AND r.date = ?1",
            [&iso],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(lieu, 1);

    // Une organisation absente de l'annuaire : créée depuis le sélecteur, sans quitter le
    // formulaire de réunion ; le SIRET faux est refusé sous son champ.
    // Le formulaire de réunion, redessiné après l'enregistrement, reçoit une nouvelle date.
    saisir(&c, "#reunion-formulaire-heure", "16h").await;
    let champ = "#reunion-formulaire-organisation_id";
    saisir(&c, champ, "Boulangerie Dupain").await;
    cliquer(&c, "#reunion-formulaire-organisation_id-liste li.creer").await;
    attendre_texte(&c, "#selecteur-creation--intitule", |t| {
        t == "Nouvelle organisation"
    })
    .await;
    let nom = attendre(&c, "#selecteur-creation-nom")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(nom.as_deref(), Some("Boulangerie Dupain"));
    choisir(&c, "#selecteur-creation-type", "Entreprise").await;
    saisir(&c, "#selecteur-creation-siret", "123").await;
    cliquer(&c, "#selecteur-creation button[type=submit]").await;
    attendre_texte(&c, "#selecteur-creation-siret-erreur", |t| {
        t.contains("SIRET")
    })
    .await;
    capturer(&c, "selecteur-creation").await;
    attendre(&c, "#selecteur-creation-siret")
        .await
        .clear()
        .await
        .unwrap();
    saisir(&c, "#selecteur-creation-commune", "Lens").await;
    cliquer(&c, "#selecteur-creation button[type=submit]").await;
    let debut = Instant::now();
    loop {
        let v = attendre(&c, champ).await.prop("value").await.unwrap();
        if v.as_deref() == Some("Boulangerie Dupain") {
            break;
        }
        assert!(
            debut.elapsed() < ATTENTE,
            "organisation créée non choisie : {v:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        compter_dans(&db, "organisation WHERE nom = 'Boulangerie Dupain'"),
        1
    );
    // Le formulaire de réunion est toujours là, avec ce qui était saisi.
    let heure = attendre(&c, "#reunion-formulaire-heure")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(heure.as_deref(), Some("16h"));

    // Plusieurs établissements pour une action vers les élèves : chacun s'ajoute à la liste des
    // fiches choisies, le champ se vide pour le suivant.
    let champ = "#action-clee-formulaire-etablissement_ids";
    for (tape, libelle) in [
        ("jean-moul", "Lycée professionnel Jean-Moulin"),
        ("0625235", "Lycée polyvalent Marie-Curie"),
    ] {
        saisir(&c, champ, tape).await;
        let liste = format!("{}-liste", champ);
        attendre_texte(&c, &liste, |t| t.contains(libelle)).await;
        attendre(&c, champ)
            .await
            .send_keys("\u{E007}")
            .await
            .unwrap();
        attendre_texte(&c, &format!("{champ}-choisies"), |t| t.contains(libelle)).await;
    }
    let vide = attendre(&c, champ).await.prop("value").await.unwrap();
    assert_eq!(vide.as_deref(), Some(""));
    c.execute(
        "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })",
        vec![serde_json::json!(champ)],
    )
    .await
    .unwrap();
    capturer(&c, "selecteur-multiple").await;
    saisir(&c, "#action-clee-formulaire-date", "12/01/2026").await;
    choisir(&c, "#action-clee-formulaire-type", "Forum des métiers").await;
    saisir(
        &c,
        "#action-clee-formulaire-intitule",
        "Forum à deux lycées",
    )
    .await;
    cliquer(&c, "#action-clee-formulaire button[type=submit]").await;
    attendre_texte(&c, "#actions-clee-table", |t| {
        t.contains("Forum à deux lycées")
    })
    .await;
    assert_eq!(
        compter_dans(
            &db,
            "action_clee_etablissement WHERE action_id = (SELECT id FROM action_clee WHERE intitule = 'Forum à deux lycées')"
        ),
        2
    );
    c.close().await.unwrap();
    drop(pilote);
}
