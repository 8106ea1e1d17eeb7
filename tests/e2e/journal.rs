//! Journal des changements dans la vraie fenêtre : l'onglet Historique d'une fiche montre le
//! champ changé ; la fiche supprimée revient depuis l'écran Journal ; l'export CSV s'enregistre.

use super::outils::*;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn historique_d_une_fiche_puis_remise_depuis_le_journal() {
    let (d, db) = base_temporaire("e2e.sqlite");
    let (pilote, c) = Pilote::demarrer(&db).await;
    cliquer(&c, "#accueil-vide").await;
    creer_etablissement(&c, "0620108F", "Lycée Malraux").await;
    attendre_texte(&c, "#etablissements-message", |t| t.contains("enregistré")).await;

    // Modifier le nom, puis lire l'onglet Historique de la fiche.
    let modifier = "#etablissements-table tbody tr button[aria-label^='Modifier']";
    cliquer(&c, modifier).await;
    saisir(&c, "#etablissements-formulaire-nom", "Lycée André-Malraux").await;
    cliquer(&c, "#etablissements-formulaire button[type=submit]").await;
    attendre_texte(&c, "#etablissements-message", |t| t.contains("modifié")).await;
    cliquer(&c, modifier).await;
    cliquer(&c, "#etablissements-fiche-onglet-1").await;
    let h = attendre_texte(&c, "#historique-etablissement-1", |t| {
        t.contains("Modification")
    })
    .await;
    assert!(
        h.contains("nom : Lycée Malraux → Lycée André-Malraux") && h.contains("Création"),
        "{h}"
    );
    capturer(&c, "e2e-historique").await;

    // Supprimer, puis remettre depuis le Journal.
    cliquer(
        &c,
        "#etablissements-table tbody tr button[aria-label^='Supprimer']",
    )
    .await;
    cliquer(&c, "#confirmation-ok").await;
    attendre_texte(&c, "#etablissements-compte", |t| t.starts_with("Aucun")).await;
    cliquer(&c, "a[href='#/journal']").await;
    attendre_texte(&c, "#journal-compte", |t| {
        t.starts_with("3 changements") || t.starts_with("4 changements")
    })
    .await;
    saisir(&c, "#journal-recherche", "malraux").await;
    attendre_texte(&c, "#journal-compte", |t| t == "3 changements").await;
    // Une date impossible : message en français, qui s'efface une fois la date corrigée.
    saisir(&c, "#journal-depuis", "31/02/2026").await;
    let faute = attendre_texte(&c, "#journal-message", |t| !t.is_empty()).await;
    assert!(
        faute.contains("31/02/2026") && faute.contains("JJ/MM/AAAA"),
        "{faute}"
    );
    saisir(&c, "#journal-depuis", "01/01/2000").await;
    attendre_texte(&c, "#journal-message", |t| t.is_empty()).await;
    attendre_texte(&c, "#journal-compte", |t| t == "3 changements").await;
    capturer(&c, "e2e-journal").await;
    cliquer(&c, "#journal-table button[aria-label^='Remettre']").await;
    cliquer(&c, "#confirmation-ok").await;
    attendre_texte(&c, "#journal-message", |t| t.contains("remise en place")).await;
    attendre_texte(&c, "#journal-compte", |t| t == "4 changements").await;
    assert_eq!(compter_dans(&db, "etablissement"), 1);

    // Export CSV du journal filtré, là où l'utilisateur le choisit.
    let sortie = d.path().join("journal.csv");
    repondre(&db, &[&sortie]);
    cliquer(&c, "#journal-exporter").await;
    let f = fichier_enregistre(&c, "#journal-message", "Journal enregistré").await;
    assert_eq!(f, sortie);
    let csv = std::fs::read_to_string(&sortie).unwrap();
    assert!(
        csv.contains("Lycée André-Malraux") && csv.contains("remise depuis le journal"),
        "{csv}"
    );

    cliquer(&c, "a[href='#/annuaire']").await;
    attendre_texte(&c, "#etablissements-compte", |t| t == "1 établissement").await;
    c.close().await.unwrap();
    drop(pilote);
}

/// Données personnelles d'une personne de la démonstration : export JSON puis anonymisation ;
/// dossier de copie hors du poste choisi dans Paramètres, l'alerte du tableau de bord change.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn donnees_personnelles_et_copie_hors_du_poste() {
    let (d, db) = base_temporaire("e2e.sqlite");
    let (pilote, c) = Pilote::demarrer(&db).await;
    cliquer(&c, "#accueil-demo").await;
    let alerte = attendre_texte(&c, "#alerte-copies", |t| !t.is_empty()).await;
    assert!(
        alerte.contains("Aucune copie de la base hors de ce poste"),
        "{alerte}"
    );
    let nom = donnees_d_une_personne_en_json_et_pdf(&c, d.path(), &db).await;
    personne_anonymisee(&c, &nom).await;
    copie_hors_du_poste(&c, d.path(), &db).await;
    seconde_fenetre_refusee(d.path(), &db).await;
    cliquer(&c, "a[href='#/annuaire']").await;
    attendre_texte(&c, "#etablissements-compte", |t| {
        t.contains("établissement")
    })
    .await;
    c.close().await.unwrap();
    drop(pilote);
}

/// Les données d'une personne exportées en JSON puis en PDF ; rend son nom.
async fn donnees_d_une_personne_en_json_et_pdf(c: &Client, temp: &Path, db: &Path) -> String {
    cliquer(c, "a[href='#/annuaire/personnes']").await;
    cliquer(
        c,
        "#personnes-table tbody tr button[aria-label^='Données personnelles']",
    )
    .await;
    let titre = attendre_texte(c, "#donnees-titre", |t| {
        t.starts_with("Données personnelles de ")
    })
    .await;
    let nom = titre
        .trim_start_matches("Données personnelles de ")
        .to_string();
    let sortie = temp.join("donnees.json");
    repondre(db, &[&sortie]);
    cliquer(c, "#donnees-json").await;
    fichier_enregistre(c, "#donnees-message", "Données exportées").await;
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&sortie).unwrap()).unwrap();
    assert_eq!(json["nom"].as_str(), Some(nom.as_str()));
    capturer(c, "e2e-donnees-personnelles").await;
    // Le même export en PDF, lu par pdftotext (et gardé pour être regardé).
    let pdf = temp.join("donnees.pdf");
    repondre(db, &[&pdf]);
    cliquer(c, "#donnees-pdf").await;
    attendre_texte(c, "#donnees-message", |t| t.contains("donnees.pdf")).await;
    let texte = texte_pdf_en_ligne(&pdf);
    assert!(
        texte.contains(&nom) && texte.contains("Historique"),
        "{texte}"
    );
    let captures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/captures");
    std::fs::create_dir_all(&captures).unwrap();
    std::fs::copy(&pdf, captures.join("donnees-personnelles.pdf")).unwrap();
    nom
}

async fn personne_anonymisee(c: &Client, nom: &str) {
    cliquer(c, "#donnees-anonymiser").await;
    cliquer(c, "#confirmation-ok").await;
    attendre_texte(c, "#donnees-message", |t| t.contains("anonymisée")).await;
    attendre_texte(c, "#personnes-table", |t| t.contains("Anonyme")).await;
    let lignes = lignes(c, "#personnes-table").await;
    assert!(lignes.iter().any(|l| l.contains("Anonyme")), "{lignes:?}");
    assert!(!lignes.iter().any(|l| l.contains(nom)), "{lignes:?}");
}

async fn copie_hors_du_poste(c: &Client, temp: &Path, db: &Path) {
    // Un dossier de copie : la prochaine sauvegarde y est recopiée.
    let cle = temp.join("cle-usb");
    std::fs::create_dir_all(&cle).unwrap();
    repondre(db, &[&cle]);
    cliquer(c, "a[href='#/parametres']").await;
    cliquer(c, "#copie-choisir").await;
    attendre_texte(c, "#copie-etat", |t| t.contains("cle-usb")).await;
    cliquer(c, "#sauvegarde-maintenant").await;
    attendre_texte(c, "#sauvegardes-message", |t| {
        t.contains("Sauvegarde enregistrée")
    })
    .await;
    let copies = std::fs::read_dir(&cle).unwrap().count();
    assert_eq!(copies, 1);
    capturer(c, "e2e-copie-hors-poste").await;
}

/// Une seconde fenêtre sur la même base s'arrête aussitôt en le disant ; la première reste.
async fn seconde_fenetre_refusee(temp: &Path, db: &Path) {
    let mut seconde = Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .env("PASSERELLE_DB", db)
        .env("XDG_CONFIG_HOME", temp.join("config"))
        .env("GSETTINGS_BACKEND", "memory")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let debut = Instant::now();
    let fin = loop {
        if let Some(s) = seconde.try_wait().unwrap() {
            break s;
        }
        if debut.elapsed() > ATTENTE {
            let _ = seconde.kill();
            panic!("la seconde fenêtre ne s'est pas arrêtée");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let mut message = String::new();
    std::io::Read::read_to_string(&mut seconde.stderr.take().unwrap(), &mut message).unwrap();
    assert!(fin.success(), "{message}");
    assert!(
        message.contains("déjà ouverte dans une autre fenêtre"),
        "{message}"
    );
}
