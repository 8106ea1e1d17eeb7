//! Annuaire, démonstration et base refusée, dans la vraie fenêtre.

use super::outils::*;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn etablissement_cree_retrouve_par_la_recherche_et_toujours_la_apres_redemarrage() {
    let (_d, db) = base_temporaire("e2e.sqlite");
    let (pilote, c) = Pilote::demarrer(&db).await;

    cliquer(&c, "#accueil-vide").await;
    attendre_texte(&c, "main h1", |t| t == "Tableau de bord").await;
    creer_etablissement(&c, "0620108F", "Lycée professionnel André-Malraux").await;
    attendre_texte(&c, "#etablissements-message", |t| t.contains("enregistré")).await;

    // Recherche pendant la frappe, sans accents ni majuscules.
    saisir(&c, "#etablissements-recherche", "andre malraux").await;
    attendre_texte(&c, "#etablissements-compte", |t| t == "1 établissement").await;
    let l = lignes(&c, "#etablissements-table").await;
    assert_eq!(l.len(), 1);
    assert!(
        l[0].contains("Lycée professionnel André-Malraux") && l[0].contains("0620108F"),
        "{l:?}"
    );
    saisir(&c, "#etablissements-recherche", "jaures").await;
    attendre_texte(&c, "#etablissements-compte", |t| {
        t.starts_with("Aucun établissement")
    })
    .await;
    capturer(&c, "e2e-recherche").await;
    c.close().await.unwrap();

    // Nouveau lancement sur la même base : pas d'accueil, l'établissement est là.
    let c = pilote.session().await;
    attendre_texte(&c, "main h1", |t| t == "Tableau de bord").await;
    attendre_texte(&c, "#carte-etablissements .nombre", |t| t == "1").await;
    cliquer(&c, "a[href='#/annuaire']").await;
    attendre_texte(&c, "#etablissements-compte", |t| t == "1 établissement").await;
    assert!(lignes(&c, "#etablissements-table").await[0].contains("André-Malraux"));
    c.close().await.unwrap();
    drop(pilote);
    assert_eq!(compter_dans(&db, "etablissement"), 1);
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn uai_invalide_erreur_en_ligne_et_rien_n_est_enregistre() {
    let (_d, db) = base_temporaire("e2e.sqlite");
    let (pilote, c) = Pilote::demarrer(&db).await;
    cliquer(&c, "#accueil-vide").await;
    creer_etablissement(&c, "0620108A", "Lycée à la clé fausse").await;

    let erreur = attendre_texte(&c, "#etablissements-formulaire-uai-erreur", |t| {
        !t.is_empty()
    })
    .await;
    assert!(erreur.contains("la clé est « F »"), "{erreur}");
    let champ = attendre(&c, "#etablissements-formulaire-uai").await;
    assert_eq!(
        champ.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    let actif = c
        .execute("return document.activeElement.id", vec![])
        .await
        .unwrap();
    assert_eq!(
        actif, "etablissements-formulaire-uai",
        "le focus va au champ fautif"
    );
    capturer(&c, "e2e-uai-invalide").await;
    attendre_texte(&c, "#etablissements-compte", |t| {
        t.starts_with("Aucun établissement")
    })
    .await;
    c.close().await.unwrap();
    drop(pilote);
    assert_eq!(compter_dans(&db, "etablissement"), 0);
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn demonstration_navigation_et_suppression_refusee() {
    let (_d, db) = base_temporaire("demo-e2e.sqlite");
    let (pilote, c) = Pilote::demarrer(&db).await;
    attendre(&c, "#accueil-demo").await;
    capturer(&c, "accueil").await;
    cliquer(&c, "#accueil-demo").await;
    attendre_texte(&c, "#carte-etablissements .nombre", |t| {
        t.parse::<i64>().is_ok_and(|n| n >= 30)
    })
    .await;
    let etat = attendre_texte(&c, "#etat-base", |t| !t.starts_with("Ouverture")).await;
    assert!(
        etat.contains(db.to_str().unwrap()),
        "la barre d'état montre le fichier ouvert : {etat}"
    );

    // Chaque entrée du menu mène à son écran ; on en garde une capture.
    for (lien, titre) in [
        ("tableau-de-bord", "Tableau de bord"),
        ("conventions", "Conventions"),
        ("clee", "Comités locaux École-entreprise (CLEE)"),
        ("cet", "Conseillers entreprise pour l'École (CET)"),
        ("ipe", "IPE"),
        ("bilans", "Bilans"),
        ("annuaire", "Annuaire"),
        ("parametres", "Paramètres"),
    ] {
        cliquer(&c, &format!("#menu a[href='#/{lien}']")).await;
        attendre_texte(&c, "main h1", |t| t == titre).await;
        let courant = attendre(&c, &format!("#menu a[href='#/{lien}']"))
            .await
            .attr("aria-current")
            .await
            .unwrap();
        assert_eq!(courant.as_deref(), Some("page"));
        capturer(&c, lien).await;
    }
    cliquer(&c, "#menu a[href='#/annuaire']").await;
    for onglet in ["organisations", "personnes", "bassins", "academies"] {
        cliquer(&c, &format!("a[href='#/annuaire/{onglet}']")).await;
        attendre(&c, &format!("#{onglet}-table tbody tr")).await;
        capturer(&c, &format!("annuaire-{onglet}")).await;
    }

    // Un bassin qui a des établissements ne se supprime pas, et le message dit où il sert.
    cliquer(&c, "a[href='#/annuaire/bassins']").await;
    saisir(&c, "#bassins-recherche", "lens").await;
    attendre_texte(&c, "#bassins-compte", |t| t == "1 bassin").await;
    cliquer(
        &c,
        "#bassins-table tbody tr button[aria-label^='Supprimer']",
    )
    .await;
    attendre_texte(&c, "#confirmation-texte", |t| t.contains("Lens")).await;
    capturer(&c, "confirmation-suppression").await;
    cliquer(&c, "#confirmation-ok").await;
    let message = attendre_texte(&c, "#bassins-message", |t| !t.is_empty()).await;
    assert!(
        message.contains("ne peut pas être supprimé") && message.contains("établissement"),
        "{message}"
    );
    attendre_texte(&c, "#bassins-compte", |t| t == "1 bassin").await;

    // Formulaire de modification d'une personne, rempli depuis la ligne.
    cliquer(&c, "a[href='#/annuaire/personnes']").await;
    cliquer(
        &c,
        "#personnes-table tbody tr button[aria-label^='Modifier']",
    )
    .await;
    attendre(&c, "#personnes-formulaire-nom").await;
    capturer(&c, "annuaire-personne-formulaire").await;
    cliquer(&c, "#personnes-formulaire button.secondaire").await;

    total_plafonne(&c, &db).await;
    c.close().await.unwrap();
    drop(pilote);
}

/// Un mot présent dans plus de 1 000 fiches : la page s'affiche, le total s'arrête au plafond.
async fn total_plafonne(c: &Client, db: &Path) {
    ajouter_personnes(db, "Zorglub", 1_001);
    saisir(c, "#personnes-recherche", "zorglub").await;
    attendre_texte(c, "#personnes-compte", |t| {
        t == "Plus de 1 000 personnes (200 affichées : affinez la recherche)"
    })
    .await;
    capturer(c, "annuaire-personnes-plafond").await;
    saisir(c, "#personnes-recherche", "zorglub 17").await;
    attendre_texte(c, "#personnes-compte", |t| t == "20 personnes").await;
}

/// `n` personnes nommées `nom` et numérotées, écrites à côté de la fenêtre ouverte (clé de
/// recherche comprise ; l'index plein texte suit par ses déclencheurs).
fn ajouter_personnes(db: &Path, nom: &str, n: usize) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch("BEGIN").unwrap();
    for i in 0..n {
        conn.execute(
            "INSERT INTO personne (civilite, nom, prenom, fonction, recherche)
             VALUES ('M.', ?1, 'Jean', 'Tuteur', ?2)",
            (
                format!("{} {i}", nom.to_uppercase()),
                format!("{} {i} jean tuteur", nom.to_lowercase()),
            ),
        )
        .unwrap();
    }
    conn.execute_batch("COMMIT").unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn fichier_etranger_affiche_le_message_et_reste_intact() {
    let (_d, db) = base_temporaire("pas-une-base.sqlite");
    let contenu = b"Ceci est un tableur exporte, pas une base.\n".repeat(40);
    std::fs::write(&db, &contenu).unwrap();
    let (pilote, c) = Pilote::demarrer(&db).await;
    let message = attendre_texte(&c, "main .alerte.erreur", |t| !t.is_empty()).await;
    assert!(message.contains("n'est pas une base SQLite"), "{message}");
    capturer(&c, "base-refusee").await;
    c.close().await.unwrap();
    drop(pilote);
    assert_eq!(std::fs::read(&db).unwrap(), contenu);
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn import_de_l_annuaire_de_l_education_depuis_l_onglet_importer() {
    let (d, db) = base_temporaire("e2e.sqlite");
    let fichier = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/annuaire-education/annuaire-champs.csv");
    let (pilote, c) = Pilote::demarrer(&db).await;
    cliquer(&c, "#accueil-vide").await;
    attendre_texte(&c, "main h1", |t| t == "Tableau de bord").await;
    cliquer(&c, "a[href='#/annuaire']").await;
    cliquer(&c, "a[href='#/annuaire/import']").await;
    attendre_texte(&c, "main h2", |t| t == "Importer l'Annuaire de l'éducation").await;
    autre_fichier_refuse(&c, d.path(), &db).await;
    apercu_puis_import(&c, &db, &fichier).await;
    etablissement_ferme_et_sa_fiche_officielle(&c).await;
    c.close().await.unwrap();
    drop(pilote);
    assert_eq!(compter_dans(&db, "etablissement"), 19);
}

async fn autre_fichier_refuse(c: &Client, temp: &Path, db: &Path) {
    // Un fichier qui n'est pas l'annuaire : refusé en français, rien n'est écrit.
    let autre = temp.join("registre.csv");
    std::fs::write(&autre, "nom;prenom;entreprise\nDUPONT;Jean;Acme\n").unwrap();
    repondre(db, &[&autre]);
    cliquer(c, "#annuaire-import-choisir").await;
    attendre_texte(c, "#annuaire-import-nom", |t| t.starts_with("registre.csv")).await;
    cliquer(c, "#annuaire-import-lancer").await;
    let refus = attendre_texte(c, "#annuaire-import-resultat .alerte.erreur", |t| {
        !t.is_empty()
    })
    .await;
    assert!(
        refus.contains("n'est pas l'export de l'Annuaire de l'éducation"),
        "{refus}"
    );
    capturer(c, "annuaire-import-refuse").await;
    assert_eq!(compter_dans(db, "etablissement"), 0);
}

/// L'annuaire de la fixture : aperçu (comptes, rejets, focus), puis import.
async fn apercu_puis_import(c: &Client, db: &Path, fichier: &Path) {
    repondre(db, &[fichier]);
    cliquer(c, "#annuaire-import-choisir").await;
    attendre_texte(c, "#annuaire-import-nom", |t| {
        t.starts_with("annuaire-champs.csv")
    })
    .await;
    choisir(c, "#annuaire-import-academie", "Lille (09)").await;
    cliquer(c, "#annuaire-import-controler").await;
    let apercu = attendre_texte(c, "#annuaire-import-resultat .alerte", |t| {
        t.contains("Aperçu : rien n'est encore enregistré")
    })
    .await;
    assert!(apercu.contains("Académie de Lille"), "{apercu}");
    let compte = |quoi: &'static str| {
        let c = c.clone();
        async move {
            attendre(
                &c,
                &format!("#annuaire-import-comptes dd[data-compte='{quoi}']"),
            )
            .await
            .text()
            .await
            .unwrap()
        }
    };
    assert_eq!(compte("crees").await, "19");
    assert_eq!(compte("hors_academie").await, "6");
    assert_eq!(compte("rejets").await, "1");
    let rejets = attendre_texte(c, "#annuaire-import-rejets", |t| !t.is_empty()).await;
    assert!(rejets.contains("Ligne 9 : La lettre clé"), "{rejets}");
    // Le focus va au titre du compte rendu, que le lecteur d'écran annonce.
    let actif = c
        .execute("return document.activeElement.id", vec![])
        .await
        .unwrap();
    assert_eq!(actif, "annuaire-import-titre");
    capturer(c, "annuaire-import-apercu").await;

    cliquer(c, "#annuaire-import-lancer").await;
    attendre_texte(c, "#annuaire-import-resultat .alerte", |t| {
        t.contains("Import terminé")
    })
    .await;
    assert_eq!(compte("crees").await, "19");
    capturer(c, "annuaire-import").await;
}

async fn etablissement_ferme_et_sa_fiche_officielle(c: &Client) {
    // Les établissements importés sont dans la liste.
    cliquer(c, "a[href='#/annuaire/etablissements']").await;
    attendre_texte(c, "#etablissements-compte", |t| t == "19 établissements").await;
    // Ceux que le fichier dit fermés le montrent à côté de leur nom.
    saisir(c, "#etablissements-recherche", "moulin").await;
    attendre_texte(c, "#etablissements-compte", |t| t != "19 établissements").await;
    let ligne = attendre_texte(c, "#etablissements-table tbody", |t| {
        t.contains("Collège du Moulin")
    })
    .await;
    assert!(ligne.contains("Collège du Moulin Fermé"), "{ligne}");
    capturer(c, "annuaire-etablissement-ferme").await;
    // Sa fiche montre ce que dit l'annuaire officiel, en lecture, au-dessus du formulaire.
    cliquer(
        c,
        "#etablissements-table button[aria-label='Modifier Collège du Moulin']",
    )
    .await;
    let officiel = attendre_texte(c, "#etablissements-officiel", |t| t.contains("État")).await;
    for attendu in [
        "Selon l'Annuaire de l'éducation",
        "COLLEGE",
        "Public",
        "14 rue de l'École",
        "03 24 14 45 67",
        "ce.0590005k@ac-lille.fr",
        "19590000000041",
        "Fermé",
    ] {
        assert!(
            officiel.contains(attendu),
            "« {attendu} » absent de :\n{officiel}"
        );
    }
    capturer(c, "annuaire-fiche-officielle").await;
}
