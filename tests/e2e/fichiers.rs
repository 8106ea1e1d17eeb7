//! Fichiers du poste dans la vraie fenêtre : nouvelle base, retour à la précédente, base
//! refusée, copie ; import long suivi, annulé sans rien écrire, fenêtre utilisable pendant.

use super::outils::*;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn nouvelle_base_puis_retour_base_refusee_et_copie() {
    let (d, db) = base_temporaire("premiere.sqlite");
    let (pilote, c) = demarrer_demo(&db).await;
    let conventions = compter_dans(&db, "convention");
    assert!(conventions > 0);

    // Nouvelle base : créée vide là où le dialogue le dit, la fenêtre se recharge sur elle.
    cliquer(&c, "#menu a[href='#/parametres']").await;
    let nouvelle = d.path().join("Bilan 2026").join("seconde.sqlite");
    std::fs::create_dir(nouvelle.parent().unwrap()).unwrap();
    repondre(&db, &[&nouvelle]);
    cliquer(&c, "#base-nouvelle").await;
    attendre_texte(&c, "#parametres-chemin", |t| t.ends_with("seconde.sqlite")).await;
    attendre_texte(&c, "#etat-base", |t| t.contains("seconde.sqlite")).await;
    assert_eq!(compter_dans(&nouvelle, "convention"), 0);
    capturer(&c, "base-nouvelle").await;

    // Un fichier qui n'est pas une base : refusé, intact, et la base ouverte le reste.
    let texte = d.path().join("notes.sqlite");
    std::fs::write(&texte, "des notes, pas une base").unwrap();
    repondre(&db, &[&texte]);
    cliquer(&c, "#base-ouvrir").await;
    let refus = attendre_texte(&c, "#base-message", |t| !t.is_empty()).await;
    assert!(refus.contains("n'est pas une base"), "{refus}");
    assert_eq!(std::fs::read(&texte).unwrap(), b"des notes, pas une base");
    attendre_texte(&c, "#parametres-chemin", |t| t.ends_with("seconde.sqlite")).await;

    // Retour à la première base, avec ses conventions.
    repondre(&db, &[&db]);
    cliquer(&c, "#base-ouvrir").await;
    attendre_texte(&c, "#parametres-chemin", |t| t.ends_with("premiere.sqlite")).await;
    cliquer(&c, "#menu a[href='#/conventions']").await;
    attendre(&c, "#conventions-table").await;

    // Copie cohérente de la base ouverte, sous le nom proposé.
    cliquer(&c, "#menu a[href='#/parametres']").await;
    repondre(&db, &[d.path()]);
    cliquer(&c, "#base-copie").await;
    let copie = fichier_enregistre(&c, "#base-message", "Copie enregistrée").await;
    assert!(
        nom(&copie).starts_with("premiere copie "),
        "{}",
        copie.display()
    );
    capturer(&c, "base-copie").await;
    c.close().await.unwrap();
    drop(pilote);
    assert_eq!(compter_dans(&copie, "convention"), conventions);
    // Les deux bases sont retenues parmi les récentes (menu Fichier).
    let preferences =
        std::fs::read_to_string(d.path().join("config/fr.passerelle.app/preferences.json"))
            .unwrap();
    assert!(
        preferences.contains("seconde.sqlite") && preferences.contains("premiere.sqlite"),
        "{preferences}"
    );
}

/// Un fichier d'actions IPE de `n` lignes valides pour la base de démonstration.
fn actions_ipe(chemin: &Path, n: usize) {
    let mut texte = String::from("date;ipe;academie;theme;intitule;etablissements;jeunes_filles;jeunes_garcons;enseignants_femmes;enseignants_hommes;entreprises;organisations_professionnelles\n");
    for i in 0..n {
        texte.push_str(&format!(
            "20/11/2007;BERNARD Alain;Lille;tic;Visite n° {i};1;2;3;0;1;1;0\n"
        ));
    }
    std::fs::write(chemin, texte).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn import_long_suivi_annule_sans_rien_ecrire_et_fenetre_utilisable_pendant() {
    let (d, db) = base_temporaire("import-long.sqlite");
    let (pilote, c) = demarrer_demo(&db).await;
    let avant = compter_dans(&db, "action_ipe");
    let csv = d.path().join("actions 2007.csv");
    actions_ipe(&csv, 60_000);

    // Un fichier qui n'est ni en UTF-8 ni en Windows-1252 : refusé, avec ce qu'il faut faire.
    cliquer(&c, "#menu a[href='#/ipe']").await;
    cliquer(&c, "a[href='#/ipe/import']").await;
    let hostile =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/hostile/ni-utf8-ni-1252.csv");
    repondre(&db, &[&hostile]);
    cliquer(&c, "#import-choisir").await;
    let refus = attendre_texte(&c, "#import-resultat .alerte", |t| !t.is_empty()).await;
    assert!(refus.contains("ni en UTF-8 ni en Windows-1252"), "{refus}");
    capturer(&c, "import-refuse").await;

    // Contrôle (essai) suivi jusqu'au bout, puis import lancé et annulé en cours de route.
    repondre(&db, &[&csv]);
    cliquer(&c, "#import-choisir").await;
    attendre_texte(&c, "#import-nom", |t| t.contains("actions 2007.csv")).await;
    attendre(&c, "#travail-progression").await;
    capturer(&c, "import-progression").await;
    let debut = Instant::now();
    attendre_texte_long(&c, "#import-resultat .alerte", |t| {
        t.contains("Aperçu : 60 000 lignes valides")
    })
    .await;
    println!(
        "Contrôle de 60 000 lignes : {} ms",
        debut.elapsed().as_millis()
    );
    cliquer(&c, "#import-confirmer").await;
    attendre_texte(&c, "#travail-texte", |t| t.contains("/ 60 000 lignes")).await;
    capturer(&c, "import-en-cours").await;
    cliquer(&c, "#travail-annuler").await;
    let fin = attendre_texte_long(&c, "#import-resultat .alerte", |t| !t.is_empty()).await;
    assert!(
        fin.contains("Opération annulée : rien n'a été enregistré"),
        "{fin}"
    );
    assert_eq!(compter_dans(&db, "action_ipe"), avant);

    // Pendant un import, la fenêtre répond : on change d'écran et on lit l'annuaire.
    repondre(&db, &[&csv]);
    cliquer(&c, "#import-choisir").await;
    attendre(&c, "#travail-progression").await;
    let debut = Instant::now();
    cliquer(&c, "#menu a[href='#/annuaire']").await;
    attendre(&c, "#etablissements-table").await;
    let duree = debut.elapsed();
    println!(
        "Pendant l'import : écran Annuaire affiché en {} ms",
        duree.as_millis()
    );
    c.close().await.unwrap();
    drop(pilote);
    assert_eq!(compter_dans(&db, "action_ipe"), avant);
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn sauvegarde_puis_restauration_depuis_les_parametres() {
    let (d, db) = base_temporaire("sauvegardee.sqlite");
    let (pilote, c) = demarrer_demo(&db).await;
    let cet = compter_dans(&db, "cet");
    assert!(cet > 0);

    cliquer(&c, "#menu a[href='#/parametres']").await;
    cliquer(&c, "#sauvegarde-maintenant").await;
    attendre_texte(&c, "#sauvegardes-message", |t| {
        t.contains("Sauvegarde enregistrée")
    })
    .await;
    attendre_texte(&c, "#sauvegardes-table", |t| {
        t.contains("manuelle") && t.contains(&format!("{cet} CET"))
    })
    .await;
    cet_perdus_ramenes_par_la_sauvegarde(&c, d.path(), &db, cet).await;
    conservation_reglee(&c).await;
    cliquer(&c, "#menu a[href='#/cet']").await;
    attendre(&c, "#cet-table tbody tr").await;
    c.close().await.unwrap();
    drop(pilote);
}

async fn cet_perdus_ramenes_par_la_sauvegarde(c: &Client, temp: &Path, db: &Path, cet: i64) {
    // Des CET perdus par erreur (par un autre programme, ici) : la sauvegarde les ramène.
    rusqlite::Connection::open(db)
        .unwrap()
        .execute_batch("PRAGMA foreign_keys = OFF; DELETE FROM cet;")
        .unwrap();
    assert_eq!(compter_dans(db, "cet"), 0);
    c.execute(
        "const l = [...document.querySelectorAll('#sauvegardes-table tbody tr')].find((tr) => tr.innerText.includes('manuelle'));
         l.querySelector('button').click();",
        vec![],
    )
    .await
    .unwrap();
    let apercu = attendre_texte(c, "#confirmation-texte", |t| t.contains("aujourd'hui")).await;
    assert!(
        apercu.contains(" 0 CET") && apercu.contains(&format!("{cet} CET")),
        "{apercu}"
    );
    capturer(c, "restauration-confirmation").await;
    cliquer(c, "#confirmation-ok").await;
    // La fenêtre se recharge sur la base restaurée ; l'état d'avant est gardé.
    attendre_texte(c, "#sauvegardes-table", |t| {
        t.contains("avant restauration")
    })
    .await;
    assert_eq!(compter_dans(db, "cet"), cet);
    // La sauvegarde prise avant la restauration garde l'état d'alors : sans CET.
    let avant = std::fs::read_dir(temp.join("sauvegardes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| nom(p).contains("(avant restauration)"))
        .unwrap();
    assert_eq!(compter_dans(&avant, "cet"), 0);
    let ligne = lignes(c, "#sauvegardes-table").await;
    assert!(
        ligne[0].contains("avant restauration") && ligne[0].contains(" 0 CET"),
        "{ligne:?}"
    );
    attendre_texte(c, "#etat-sauvegarde", |t| t.contains("Dernière sauvegarde")).await;
    capturer(c, "sauvegardes").await;
}

async fn conservation_reglee(c: &Client) {
    // La conservation se règle ici ; une valeur hors bornes est refusée sous son champ.
    saisir(c, "#conservation-mois", "1000").await;
    cliquer(c, "#conservation button[type=submit]").await;
    attendre_texte(c, "#conservation", |t| {
        t.contains("ne peuvent pas dépasser 240")
    })
    .await;
    c.execute(
        "document.getElementById('conservation').scrollIntoView()",
        vec![],
    )
    .await
    .unwrap();
    capturer(c, "conservation-refusee").await;
    saisir(c, "#conservation-mois", "24").await;
    saisir(c, "#conservation-heures", "48").await;
    cliquer(c, "#conservation button[type=submit]").await;
    attendre_texte(c, "#sauvegardes-titre + p", |t| {
        t.contains("dernières 48 heures") && t.contains("pendant 24 mois")
    })
    .await;
}
