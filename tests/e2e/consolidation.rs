//! Consolidation dans la vraie fenêtre : la base est nommée dans Paramètres, deux paquets sont
//! choisis d'un coup, l'aperçu dit ce qui entrera sans rien écrire, l'import les fusionne ; les
//! sources sont listées et le bilan IPE les compte et dit ce qu'il couvre.

use super::outils::*;
use passerelle_core::consolidation::{self, DemandeExport, Perimetre};
use passerelle_core::dates::Periode;

/// Les paquets IPE 2007 de Lille et de Lyon exportés de la démonstration, et leur nombre d'actions.
fn paquets(dossier: &Path) -> (Vec<PathBuf>, i64) {
    let source = crate::common::base_demo_en_memoire();
    let mut chemins = Vec::new();
    for academie in ["Lille", "Lyon"] {
        let demande = DemandeExport {
            perimetre: Perimetre::Ipe,
            periode: Periode::Civile(2007),
            academie: academie.into(),
        };
        let doc = consolidation::document_paquet(&source, &demande).unwrap();
        let chemin = dossier.join(&doc.nom);
        std::fs::write(&chemin, &doc.octets).unwrap();
        chemins.push(chemin);
    }
    chemins.push(paquet_d_un_autre_poste(&source, dossier));
    let actions = source
        .query_row(
            "SELECT count(*) FROM action_ipe a JOIN academie c ON c.id = a.academie_id
             WHERE c.nom IN ('Lille', 'Lyon') AND a.date LIKE '2007%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    (chemins, actions)
}

/// Le paquet de Lille d'une copie de la démonstration sur un autre poste (même fiches, autre
/// identité), où une action a été corrigée autrement : un conflit entre deux sources.
fn paquet_d_un_autre_poste(source: &passerelle_core::Connection, dossier: &Path) -> PathBuf {
    let chemin = dossier.join("autre-poste.sqlite");
    passerelle_core::base::copier_vers(source, &chemin).unwrap();
    let b = passerelle_core::base::ouvrir(&chemin).unwrap().conn;
    b.execute_batch(
        "UPDATE base_identite SET uid = passerelle_uid(), nom = 'IPE Lille – poste B';
         UPDATE action_ipe SET jeunes_filles = jeunes_filles + 5 WHERE id = (
             SELECT min(a.id) FROM action_ipe a JOIN academie c ON c.id = a.academie_id
             WHERE c.nom = 'Lille' AND a.date LIKE '2007%');",
    )
    .unwrap();
    let demande = DemandeExport {
        perimetre: Perimetre::Ipe,
        periode: Periode::Civile(2007),
        academie: "Lille".into(),
    };
    let doc = consolidation::document_paquet(&b, &demande).unwrap();
    let paquet = dossier.join(&doc.nom);
    std::fs::write(&paquet, &doc.octets).unwrap();
    paquet
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn deux_paquets_importes_depuis_l_ecran_consolidation() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("e2e.sqlite");
    let (paquets, actions) = paquets(d.path());
    let (pilote, c) = Pilote::demarrer(&db).await;
    cliquer(&c, "#accueil-vide").await;
    nommer_la_base(&c, "National").await;
    academie_de_la_base(&c, &db).await;
    importer_deux_paquets(&c, &db, &paquets, actions).await;
    bilan_et_evolution(&c, actions).await;
    conflit_entre_deux_sources(&c, &db, &paquets[2]).await;
    c.close().await.unwrap();
    drop(pilote);
}

async fn nommer_la_base(c: &Client, nom: &str) {
    cliquer(c, "a[href='#/parametres']").await;
    // Un nom vide : refusé sous le champ, en français.
    saisir(c, "#identite-nom", " ").await;
    cliquer(c, "#identite button[type=submit]").await;
    let faute = attendre_texte(c, "#identite-nom-erreur", |t| !t.is_empty()).await;
    assert!(faute.starts_with("Donnez un nom à cette base"), "{faute}");
    saisir(c, "#identite-nom", nom).await;
    cliquer(c, "#identite button[type=submit]").await;
    attendre_texte(c, "#identite-message", |t| {
        t.contains("Identité enregistrée")
    })
    .await;
}

/// L'académie de la base se choisit dans la liste (enregistrée par son code), puis se retire.
async fn academie_de_la_base(c: &Client, db: &Path) {
    let academie = || {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row(
                "SELECT a.code FROM base_identite b LEFT JOIN academie a ON a.id = b.academie_id",
                [],
                |r| r.get::<_, Option<String>>(0),
            )
            .unwrap()
    };
    for (libelle, attendue) in [
        ("Lille (09)", Some("09".to_string())),
        ("Aucune (base nationale)", None),
    ] {
        choisir(c, "#identite-academie", libelle).await;
        cliquer(c, "#identite button[type=submit]").await;
        let debut = Instant::now();
        while academie() != attendue {
            assert!(debut.elapsed() < Duration::from_secs(10), "{libelle}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

async fn montrer(c: &Client, css: &str) {
    let js = format!("document.querySelector('{css}').scrollIntoView()");
    c.execute(&js, vec![]).await.unwrap();
}

/// Choisir deux paquets d'un coup : l'aperçu n'écrit rien ; l'import les liste comme sources.
async fn importer_deux_paquets(c: &Client, db: &Path, paquets: &[PathBuf], actions: i64) {
    cliquer(c, "a[href='#/consolidation']").await;
    attendre_texte(c, "#consolidation-identite", |t| t.contains("National")).await;
    // Une année mal écrite dans l'export : message sous le champ, aucun dialogue ouvert.
    saisir(c, "#paquet-annee", "20O7").await;
    cliquer(c, "#paquet button[type=submit]").await;
    let faute = attendre_texte(c, "#paquet-annee-erreur", |t| !t.is_empty()).await;
    assert!(
        faute.contains("« 20O7 » s'écrit sur quatre chiffres"),
        "{faute}"
    );
    capturer(c, "e2e-consolidation-export-faute").await;
    repondre_plusieurs(db, &[&paquets[0], &paquets[1]]);
    cliquer(c, "#consolidation-choisir").await;
    let apercu = attendre_texte(c, "#consolidation-apercu", |t| t.contains("Lyon")).await;
    assert!(
        apercu.contains(&nom(&paquets[0])) && apercu.contains("Démonstration"),
        "{apercu}"
    );
    assert_eq!(compter_dans(db, "action_ipe"), 0, "l'aperçu n'écrit rien");
    capturer(c, "e2e-consolidation-apercu").await;

    cliquer(c, "#consolidation-importer").await;
    attendre_texte(c, "#consolidation-message", |t| {
        t.contains("2 paquets importés")
    })
    .await;
    let sources = attendre_texte(c, "#consolidation-sources", |t| t.contains("Lyon")).await;
    assert!(
        sources.contains("Lille") && sources.contains("Démonstration"),
        "{sources}"
    );
    let manquantes = attendre_texte(c, "#consolidation-manquantes", |t| !t.is_empty()).await;
    assert!(
        manquantes.starts_with("Sans paquet pour 2007 : Aix-Marseille, Amiens")
            && !manquantes.contains("Lille"),
        "{manquantes}"
    );
    montrer(c, "#consolidation-sources").await;
    capturer(c, "e2e-consolidation").await;
    assert_eq!(compter_dans(db, "action_ipe"), actions);
}

/// Le bilan IPE compte les deux académies et dit ce qu'il couvre ; l'évolution sur trois années
/// est dessinée (SVG) et dite en tableau ; une année mal écrite est refusée en français.
async fn bilan_et_evolution(c: &Client, actions: i64) {
    cliquer(c, "a[href='#/bilans']").await;
    let evolution = attendre_texte(c, "#bilan-evolution", |t| !t.is_empty()).await;
    assert!(
        evolution.starts_with(&format!("{actions} actions")),
        "{evolution}"
    );
    let couverture = attendre_texte(c, "#bilan-couverture", |t| !t.is_empty()).await;
    assert!(
        couverture.starts_with("Consolidation : 2 sources, reçues "),
        "{couverture}"
    );

    cliquer(c, "#bilan-vers-evolution").await;
    cliquer(c, "#evolution-afficher").await;
    let tableau = attendre_texte(c, "#evolution-tableau", |t| t.contains("2007")).await;
    // Cellules collées dans le texte lu : Actions, 0 en 2005, 0 en 2006, puis 2007.
    assert!(
        tableau.contains(&format!("Actions00{actions}Évolution")),
        "{tableau}"
    );
    let barres = c
        .find_all(Locator::Css("#evolution-graphique rect"))
        .await
        .unwrap();
    assert_eq!(barres.len(), 3);
    let sources = attendre_texte(c, "#evolution-couverture", |t| !t.is_empty()).await;
    assert!(sources.contains("2007 : 2 sources"), "{sources}");
    montrer(c, "#evolution-titre").await;
    capturer(c, "e2e-evolution").await;
    saisir(c, "#evolution-debut", "20O5").await;
    cliquer(c, "#evolution-afficher").await;
    let faute = attendre_texte(c, "#evolution-message", |t| !t.is_empty()).await;
    assert!(
        faute.contains("« 20O5 » s'écrit sur quatre chiffres"),
        "{faute}"
    );
}

/// Le paquet d'un autre poste dit autre chose d'une action : le conflit est listé avec les deux
/// valeurs, puis tranché en faveur de la version reçue.
async fn conflit_entre_deux_sources(c: &Client, db: &Path, paquet: &Path) {
    cliquer(c, "a[href='#/consolidation']").await;
    repondre_plusieurs(db, &[paquet]);
    cliquer(c, "#consolidation-choisir").await;
    let apercu = attendre_texte(c, "#consolidation-apercu", |t| t.contains("poste B")).await;
    assert!(
        apercu.contains("reçue de deux sources, différente"),
        "{apercu}"
    );
    cliquer(c, "#consolidation-importer").await;
    let conflit = attendre_texte(c, "#consolidation-conflits", |t| t.contains("poste B")).await;
    assert!(
        conflit.contains("Reçue de deux sources, différente") && conflit.contains("jeunes filles"),
        "{conflit}"
    );
    montrer(c, "#consolidation-conflits").await;
    capturer(c, "e2e-consolidation-conflit").await;
    let avant = compter_dans(db, "consolidation_conflit");
    cliquer(c, "#consolidation-conflits button[data-decision='recue']").await;
    attendre_texte(c, "#consolidation-conflits", |t| {
        t.starts_with("Aucun conflit")
    })
    .await;
    assert_eq!(
        compter_dans(db, "consolidation_conflit"),
        avant,
        "le conflit reste, tranché"
    );
}

/// Un paquet ouvert depuis le gestionnaire de fichiers (`passerelle P.passerelle`) : la fenêtre
/// s'ouvre sur l'écran Consolidation, avec son aperçu.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn un_paquet_ouvert_depuis_le_bureau_arrive_en_apercu() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("e2e.sqlite");
    let (paquets, _) = paquets(d.path());
    let (pilote, premiere) = Pilote::demarrer(&db).await;
    cliquer(&premiere, "#accueil-vide").await;
    nommer_la_base(&premiere, "National").await;
    premiere.close().await.unwrap();
    let c = pilote.session_avec(&[&paquets[1]]).await;
    let apercu = attendre_texte(&c, "#consolidation-apercu", |t| t.contains("Lyon")).await;
    assert!(apercu.contains(&nom(&paquets[1])), "{apercu}");
    assert_eq!(compter_dans(&db, "action_ipe"), 0, "l'aperçu n'écrit rien");
    cliquer(&c, "#consolidation-importer").await;
    attendre_texte(&c, "#consolidation-message", |t| {
        t.contains("Paquet importé")
    })
    .await;
    assert!(compter_dans(&db, "action_ipe") > 0);
    // Un autre paquet ouvert depuis le bureau pendant que la fenêtre est là : la seconde fenêtre
    // le passe à la première et s'arrête ; la première l'affiche en aperçu.
    let seconde = std::process::Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .arg(&paquets[0])
        .env("PASSERELLE_DB", &db)
        .env("XDG_CONFIG_HOME", d.path().join("config"))
        .env("GSETTINGS_BACKEND", "memory")
        .output()
        .unwrap();
    let message = String::from_utf8_lossy(&seconde.stderr);
    assert!(message.contains("déjà ouverte"), "{message}");
    let apercu = attendre_texte(&c, "#consolidation-apercu", |t| t.contains("Lille")).await;
    assert!(apercu.contains(&nom(&paquets[0])), "{apercu}");
    c.close().await.unwrap();
    drop(pilote);
}
