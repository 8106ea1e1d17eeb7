//! Bout en bout : la vraie fenêtre de Passerelle pilotée par tauri-driver et WebKitWebDriver
//! sous Xvfb. Ces tests demandent un affichage : `scripts/tester.sh` les lance sous xvfb-run,
//! un par un (les ports 4444/4445 sont fixes).

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ATTENTE: Duration = Duration::from_secs(15);

/// tauri-driver lancé avec la base voulue dans son environnement (la fenêtre en hérite).
struct Pilote {
    driver: Child,
}

impl Pilote {
    async fn demarrer(db: &Path) -> (Pilote, Client) {
        let outil = std::env::var_os("TAURI_DRIVER")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../.outils/bin/tauri-driver")
            });
        let driver = Command::new(&outil)
            .env("PASSERELLE_DB", db)
            .env("GSETTINGS_BACKEND", "memory")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "tauri-driver introuvable ({}) : {e} — lancez scripts/tester.sh",
                    outil.display()
                )
            });
        let pilote = Pilote { driver };
        let client = pilote.session().await;
        (pilote, client)
    }

    /// Une session = un lancement de l'application ; la fermer arrête l'application.
    async fn session(&self) -> Client {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": env!("CARGO_BIN_EXE_passerelle") }),
        );
        let debut = Instant::now();
        loop {
            match ClientBuilder::native()
                .capabilities(caps.clone())
                .connect("http://127.0.0.1:4444")
                .await
            {
                Ok(c) => return c,
                Err(e) if debut.elapsed() < ATTENTE => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(200)).await
                }
                Err(e) => panic!("pas de session WebDriver : {e}"),
            }
        }
    }
}

impl Drop for Pilote {
    fn drop(&mut self) {
        // SIGTERM et non SIGKILL : sinon WebKitWebDriver garde le port 4445 et le test suivant attend.
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.driver.id().to_string())
            .status();
        let _ = self.driver.wait();
    }
}

async fn attendre(c: &Client, css: &str) -> Element {
    match c
        .wait()
        .at_most(ATTENTE)
        .for_element(Locator::Css(css))
        .await
    {
        Ok(e) => e,
        Err(e) => {
            capturer(c, "echec").await; // l'écran au moment de l'échec, pour comprendre
            let haut = c.execute("window.scrollTo(0, 0); return document.querySelector('main').innerText.slice(0, 300)", vec![]).await;
            panic!("« {css} » n'apparaît pas : {e}\nDébut de l'écran : {haut:?}")
        }
    }
}

/// Attend que le texte de `css` vérifie `condition` ; rend ce texte.
async fn attendre_texte(c: &Client, css: &str, condition: impl Fn(&str) -> bool) -> String {
    let debut = Instant::now();
    loop {
        if let Ok(e) = c.find(Locator::Css(css)).await {
            // WebDriver rend les espaces insécables comme des espaces ordinaires.
            if let Ok(t) = e.text().await.map(|t| t.replace('\u{a0}', " ")) {
                if condition(&t) {
                    return t;
                }
                if debut.elapsed() > ATTENTE {
                    panic!("texte de « {css} » inattendu : {t:?}");
                }
            }
        } else if debut.elapsed() > ATTENTE {
            panic!("« {css} » introuvable");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn cliquer(c: &Client, css: &str) {
    let e = attendre(c, css).await;
    // Amené au milieu de l'écran : un bouton en bout de ligne d'un long tableau peut être caché.
    c.execute(
        "arguments[0].scrollIntoView({ block: 'center', inline: 'center' })",
        vec![serde_json::to_value(&e).unwrap()],
    )
    .await
    .unwrap();
    e.click()
        .await
        .unwrap_or_else(|err| panic!("clic sur « {css} » : {err}"));
}

async fn saisir(c: &Client, css: &str, texte: &str) {
    // Un formulaire qui vient de s'ouvrir peut encore charger ses listes : on réessaie un peu.
    for essai in 0..10 {
        let e = attendre(c, css).await;
        // WebKitWebDriver n'amène pas toujours le champ à l'écran avant de l'effacer.
        c.execute(
            "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap();
        match e.clear().await {
            Ok(()) => {
                e.send_keys(texte)
                    .await
                    .unwrap_or_else(|err| panic!("saisie dans « {css} » : {err}"));
                return;
            }
            Err(err) if essai == 9 => {
                capturer(c, "echec").await;
                panic!("effacement de « {css} » : {err}");
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

async fn choisir(c: &Client, css: &str, libelle: &str) {
    attendre(c, css).await;
    // Par le texte de l'option, en script : un libellé avec apostrophe casse le sélecteur de WebDriver.
    let choisi = c
        .execute(
            "const s = document.querySelector(arguments[0]);
             const o = [...s.options].find((o) => o.text.trim() === arguments[1]);
             if (!o) return false;
             if (s.multiple) for (const x of s.options) x.selected = false;
             o.selected = true;
             s.dispatchEvent(new Event('change', { bubbles: true }));
             return true;",
            vec![serde_json::json!(css), serde_json::json!(libelle)],
        )
        .await
        .unwrap();
    assert_eq!(
        choisi,
        serde_json::json!(true),
        "option « {libelle} » absente de « {css} »"
    );
}

/// Textes des lignes d'un tableau, lus d'un coup (la liste peut se redessiner entre deux appels).
async fn lignes(c: &Client, table: &str) -> Vec<String> {
    let v = c
        .execute(
            "return [...document.querySelectorAll(arguments[0] + ' tbody tr')].map(tr => tr.innerText);",
            vec![serde_json::json!(table)],
        )
        .await
        .unwrap();
    serde_json::from_value(v).unwrap()
}

/// Capture d'écran de la fenêtre dans target/captures/, deux images après le dernier rendu.
async fn capturer(c: &Client, nom: &str) {
    c.execute_async("const fin = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => fin()));", vec![])
        .await
        .unwrap();
    let png = c.screenshot().await.unwrap();
    let dossier = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/captures");
    std::fs::create_dir_all(&dossier).unwrap();
    std::fs::write(dossier.join(format!("{nom}.png")), png).unwrap();
}

async fn creer_etablissement(c: &Client, uai: &str, nom: &str) {
    cliquer(c, "a[href='#/annuaire']").await;
    cliquer(c, "#etablissements-nouveau").await;
    saisir(c, "#etablissements-formulaire-uai", uai).await;
    saisir(c, "#etablissements-formulaire-nom", nom).await;
    choisir(
        c,
        "#etablissements-formulaire-type",
        "Lycée professionnel (LP)",
    )
    .await;
    saisir(c, "#etablissements-formulaire-commune", "Béthune").await;
    choisir(c, "#etablissements-formulaire-academie_id", "Lille (09)").await;
    cliquer(c, "#etablissements-formulaire button[type=submit]").await;
}

fn compter_etablissements(db: &Path) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("SELECT count(*) FROM etablissement", [], |r| r.get(0))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn etablissement_cree_retrouve_par_la_recherche_et_toujours_la_apres_redemarrage() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("e2e.sqlite");
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
    assert_eq!(compter_etablissements(&db), 1);
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn uai_invalide_erreur_en_ligne_et_rien_n_est_enregistre() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("e2e.sqlite");
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
    assert_eq!(compter_etablissements(&db), 0);
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn demonstration_navigation_et_suppression_refusee() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("demo-e2e.sqlite");
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
    c.close().await.unwrap();
    drop(pilote);
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn fichier_etranger_affiche_le_message_et_reste_intact() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("pas-une-base.sqlite");
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

/// Valeur d'une ligne du tableau des chiffres clés du bilan, espaces insécables normalisés.
async fn chiffre_du_bilan(c: &Client, libelle: &str) -> String {
    let v = c
        .execute(
            "const l = [...document.querySelectorAll('#bilan-chiffres tr')].find(tr => tr.querySelector('th').textContent.trim() === arguments[0]);
             return l ? l.querySelector('td').textContent.replace(/[\\u00a0\\u202f]/g, ' ') : null;",
            vec![serde_json::json!(libelle)],
        )
        .await
        .unwrap();
    v.as_str()
        .unwrap_or_else(|| panic!("ligne « {libelle} » absente du bilan"))
        .to_string()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn une_action_saisie_dans_la_fenetre_change_le_bilan() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ipe-e2e.sqlite");
    let (pilote, c) = Pilote::demarrer(&db).await;
    cliquer(&c, "#accueil-demo").await;
    attendre_texte(&c, "main h1", |t| t == "Tableau de bord").await;

    cliquer(&c, "#menu a[href='#/bilans']").await;
    attendre(&c, "#bilan-chiffres").await;
    assert_eq!(
        chiffre_du_bilan(&c, "Nombre d'actions mises en œuvre").await,
        "2 008"
    );
    assert_eq!(
        chiffre_du_bilan(&c, "Nombre de jeunes bénéficiant des actions").await,
        "222 471"
    );
    let activite = attendre_texte(&c, "#bilan-activite", |t| !t.is_empty()).await;
    assert!(
        activite.contains("53 IPE")
            && activite.contains("639,8 mois")
            && activite.contains("24 académies"),
        "{activite}"
    );
    attendre_texte(&c, "#bilan-evolution", |t| t.contains("+16 %")).await;
    capturer(&c, "bilans").await;

    // Saisie en série : deux actions de suite, la date et le thème restent.
    cliquer(&c, "#menu a[href='#/ipe']").await;
    cliquer(&c, "#actions-nouveau").await;
    saisir(&c, "#actions-formulaire-date", "15/03/2007").await;
    choisir(&c, "#actions-formulaire-academie_id", "Lille").await;
    choisir(&c, "#actions-formulaire-theme_id", "Stages").await;
    choisir(
        &c,
        "#actions-formulaire-intervenants",
        "BERNARD Alain (Lille)",
    )
    .await;
    saisir(
        &c,
        "#actions-formulaire-intitule",
        "Forum des stages du bassin de Lens",
    )
    .await;
    saisir(&c, "#actions-formulaire-jeunes_filles", "10").await;
    saisir(&c, "#actions-formulaire-jeunes_garcons", "5").await;
    capturer(&c, "ipe-saisie").await;
    cliquer(&c, "#actions-formulaire button[type=submit]").await;
    attendre_texte(&c, "#actions-message", |t| t.contains("enregistrée")).await;
    let date = attendre(&c, "#actions-formulaire-date")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        date.as_deref(),
        Some("15/03/2007"),
        "la date est gardée pour la saisie suivante"
    );
    let actif = c
        .execute("return document.activeElement.id", vec![])
        .await
        .unwrap();
    assert_eq!(actif, "actions-formulaire-intitule");
    saisir(&c, "#actions-recherche", "bassin de lens").await;
    attendre_texte(&c, "#actions-compte", |t| t == "1 action").await;
    let trouvee = lignes(&c, "#actions-table").await.remove(0);
    assert!(
        trouvee.contains("15/03/2007") && trouvee.contains("BERNARD Alain"),
        "{trouvee}"
    );
    // Une valeur négative est refusée sous le champ.
    saisir(&c, "#actions-formulaire-intitule", "Action fautive").await;
    saisir(&c, "#actions-formulaire-entreprises", "-2").await;
    cliquer(&c, "#actions-formulaire button[type=submit]").await;
    attendre_texte(&c, "#actions-formulaire-entreprises-erreur", |t| {
        t.contains("négatif")
    })
    .await;
    cliquer(&c, "#actions-formulaire button[type=button]").await;
    capturer(&c, "ipe-actions").await;

    cliquer(&c, "#menu a[href='#/bilans']").await;
    attendre(&c, "#bilan-chiffres").await;
    assert_eq!(
        chiffre_du_bilan(&c, "Nombre d'actions mises en œuvre").await,
        "2 009"
    );
    assert_eq!(
        chiffre_du_bilan(&c, "Nombre de jeunes bénéficiant des actions").await,
        "222 486"
    );
    // Le registre et les thèmes, tels que la démonstration les remplit.
    cliquer(&c, "#menu a[href='#/ipe']").await;
    cliquer(&c, "a[href='#/ipe/registre']").await;
    attendre_texte(&c, "#registre-compte", |t| t == "54 IPE").await;
    cliquer(
        &c,
        "#registre-table tbody tr button[aria-label^='Missions']",
    )
    .await;
    attendre_texte(&c, "#missions-titre", |t| t.starts_with("Missions de")).await;
    cliquer(&c, "#missions-table tbody tr button").await;
    saisir(&c, "#mission-formulaire-lettre_date", "01/09/2007").await;
    saisir(
        &c,
        "#mission-formulaire-lettre_missions",
        "Relations avec les branches du bassin",
    )
    .await;
    cliquer(&c, "#mission-formulaire button[type=submit]").await;
    attendre_texte(&c, "#missions-table tbody", |t| {
        t.contains("01/09/2007") && t.contains("Relations avec les branches")
    })
    .await;
    capturer(&c, "ipe-registre").await;
    cliquer(&c, "a[href='#/ipe/themes']").await;
    attendre(&c, "#themes-table").await;
    assert_eq!(lignes(&c, "#themes-table").await.len(), 14);
    capturer(&c, "ipe-themes").await;

    // Import depuis la fenêtre : aperçu (rien d'écrit), puis import confirmé.
    cliquer(&c, "#menu a[href='#/ipe']").await;
    cliquer(&c, "a[href='#/ipe/import']").await;
    let csv = d.path().join("actions.csv");
    std::fs::write(&csv, "date;ipe;academie;theme;intitule;etablissements;jeunes_filles;jeunes_garcons;enseignants_femmes;enseignants_hommes;entreprises;organisations_professionnelles\n\
        20/11/2007;BERNARD Alain;Lille;tic;Site école-entreprise du bassin;2;0;0;3;4;1;0\n").unwrap();
    attendre(&c, "#import-fichier")
        .await
        .send_keys(csv.to_str().unwrap())
        .await
        .unwrap();
    attendre_texte(&c, "#import-resultat", |t| {
        t.contains("Aperçu : 1 ligne valide")
    })
    .await;
    cliquer(&c, "#import-confirmer").await;
    attendre_texte(&c, "#import-resultat", |t| t.contains("1 ligne importée")).await;

    // Un commentaire écrit à côté des chiffres arrive dans le PDF.
    cliquer(&c, "#menu a[href='#/bilans']").await;
    attendre(&c, "#bilan-chiffres").await;
    assert_eq!(
        chiffre_du_bilan(&c, "Nombre d'actions mises en œuvre").await,
        "2 010"
    );
    saisir(
        &c,
        "#commentaire-tic",
        "Un site commun aux lycées du bassin de Lens a vu le jour.",
    )
    .await;
    cliquer(&c, "#bilan-academie").await; // quitter la zone de texte enregistre le commentaire
    attendre_texte(&c, "#commentaire-tic ~ .aide", |t| {
        t.contains("Commentaire enregistré")
    })
    .await;
    cliquer(&c, "#bilan-pdf").await;
    let message = attendre_texte(&c, "#bilan-message", |t| t.contains("Bilan enregistré")).await;
    let chemin = message.split(" : ").nth(1).unwrap().trim().to_string();
    assert!(
        std::fs::read(&chemin).unwrap().starts_with(b"%PDF"),
        "{chemin}"
    );
    let texte = Command::new("pdftotext")
        .arg(&chemin)
        .arg("-")
        .output()
        .unwrap()
        .stdout;
    let texte = String::from_utf8_lossy(&texte).replace('\n', " ");
    assert!(
        texte.contains("a vu le jour"),
        "le commentaire manque dans le PDF"
    );
    c.close().await.unwrap();
    drop(pilote);
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "demande un affichage : lancé par scripts/tester.sh sous xvfb-run"]
async fn convention_creee_dans_la_fenetre_son_preavis_au_tableau_de_bord() {
    use chrono::{Days, Local, Months};
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("conv-e2e.sqlite");
    let (pilote, c) = Pilote::demarrer(&db).await;
    cliquer(&c, "#accueil-vide").await;
    attendre(&c, "#echeances-vide").await;

    // Effet il y a presque un an, un an de durée, un mois de préavis : préavis dans un mois environ.
    let aujourdhui = Local::now().date_naive();
    let effet = (aujourdhui + Days::new(61))
        .checked_sub_months(Months::new(12))
        .unwrap();
    cliquer(&c, "#menu a[href='#/conventions']").await;
    cliquer(&c, "#conventions-nouveau").await;
    saisir(
        &c,
        "#conventions-formulaire-titre",
        "Convention académie – Aciéries du Nord",
    )
    .await;
    choisir(
        &c,
        "#conventions-formulaire-type",
        "Académie – organisation",
    )
    .await;
    choisir(&c, "#conventions-formulaire-statut", "En vigueur").await;
    saisir(
        &c,
        "#conventions-formulaire-date_effet",
        &effet.format("%d/%m/%Y").to_string(),
    )
    .await;
    saisir(&c, "#conventions-formulaire-duree", "douze").await;
    saisir(&c, "#conventions-formulaire-preavis_mois", "1").await;
    cliquer(&c, "#conventions-formulaire button[type=submit]").await;
    attendre_texte(&c, "#conventions-formulaire-duree-erreur", |t| {
        t.contains("nombre de mois")
    })
    .await;
    saisir(&c, "#conventions-formulaire-duree", "1 an").await;
    cliquer(&c, "#conventions-formulaire button[type=submit]").await;
    attendre_texte(&c, "#conventions-message", |t| t.contains("enregistrée")).await;

    // Fiche : une partie, un article, un avenant qui repousse la fin (et donc le préavis).
    cliquer(
        &c,
        "#conventions-table tbody tr button[aria-label^='Fiche']",
    )
    .await;
    attendre(&c, "#fiche-titre").await;
    saisir(&c, "#partie-formulaire-libelle", "Académie de Lille").await;
    saisir(&c, "#partie-formulaire-role", "Rectorat").await;
    cliquer(&c, "#partie-formulaire button[type=submit]").await;
    attendre_texte(&c, "#parties-table", |t| t.contains("Académie de Lille")).await;
    saisir(
        &c,
        "#article-formulaire-intitule",
        "Stages des élèves de lycée professionnel",
    )
    .await;
    cliquer(&c, "#article-formulaire button[type=submit]").await;
    attendre_texte(&c, "#articles-table", |t| t.contains("Stages des élèves")).await;
    let nouvelle_fin = aujourdhui + Days::new(75);
    saisir(
        &c,
        "#avenant-formulaire-date",
        &aujourdhui.format("%d/%m/%Y").to_string(),
    )
    .await;
    saisir(&c, "#avenant-formulaire-objet", "Prolongation").await;
    saisir(
        &c,
        "#avenant-formulaire-nouvelle_fin",
        &nouvelle_fin.format("%d/%m/%Y").to_string(),
    )
    .await;
    cliquer(&c, "#avenant-formulaire button[type=submit]").await;
    attendre_texte(&c, "#fiche-dates", |t| {
        t.contains(&nouvelle_fin.format("%d/%m/%Y").to_string())
    })
    .await;
    capturer(&c, "conventions").await;

    // Pièce jointe choisie dans la fenêtre : copiée à côté de la base.
    let piece = d.path().join("convention-signee.pdf");
    std::fs::write(&piece, b"%PDF-1.4 convention signee").unwrap();
    attendre(&c, "#piece-fichier")
        .await
        .send_keys(piece.to_str().unwrap())
        .await
        .unwrap();
    attendre_texte(&c, "#pieces-table", |t| t.contains("convention-signee.pdf")).await;
    let copie = std::fs::read_dir(d.path().join("pieces-jointes"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path()
        .join("convention-signee.pdf");
    assert_eq!(std::fs::read(copie).unwrap(), b"%PDF-1.4 convention signee");

    // Prévoir une réunion du groupe de suivi et préparer son dossier.
    let reunion = (aujourdhui + Days::new(7)).format("%d/%m/%Y").to_string();
    saisir(&c, "#reunion-formulaire-date", &reunion).await;
    saisir(&c, "#reunion-formulaire-lieu", "Rectorat de Lille").await;
    cliquer(&c, "#reunion-formulaire button[type=submit]").await;
    attendre_texte(&c, "#reunions-table", |t| t.contains("Rectorat de Lille")).await;
    saisir(&c, "#dossier-date", &reunion).await;
    cliquer(&c, "#dossier-preparer").await;
    let message = attendre_texte(&c, "#dossier-message", |t| {
        t.contains("Dossier de réunion enregistré")
    })
    .await;
    let chemin = message.split(" : ").nth(1).unwrap().trim().to_string();
    let texte = Command::new("pdftotext")
        .arg(&chemin)
        .arg("-")
        .output()
        .unwrap()
        .stdout;
    let texte = String::from_utf8_lossy(&texte).into_owned();
    assert!(
        texte.contains("Feuille d'émargement") && texte.contains("Aciéries du Nord"),
        "{texte}"
    );

    // Pendant la réunion : ordre du jour repris, compte rendu d'un point, une décision, le relevé.
    cliquer(&c, "#reunions-table button[aria-label^='Ouvrir']").await;
    cliquer(&c, "#reprendre-odj").await;
    let premier = attendre(&c, "#reunion textarea").await;
    let id = premier.attr("id").await.unwrap().unwrap();
    saisir(
        &c,
        &format!("#{id}"),
        "Séance ouverte par la rectrice ; relevé précédent approuvé.",
    )
    .await;
    saisir(
        &c,
        "#nouvelle-decision",
        "Lancer un recensement des stages de première année.",
    )
    .await;
    cliquer(&c, "#ajouter-decision").await;
    attendre_texte(&c, "#decisions-liste", |t| {
        t.contains("recensement des stages")
    })
    .await;
    saisir(
        &c,
        "#action-reunion-formulaire-intitule",
        "Envoyer le questionnaire aux lycées",
    )
    .await;
    cliquer(&c, "#action-reunion-formulaire button[type=submit]").await;
    attendre_texte(&c, "#actions-reunion-table", |t| {
        t.contains("Envoyer le questionnaire")
    })
    .await;
    cliquer(&c, "#reunion-releve").await;
    let message =
        attendre_texte(&c, "#reunion-message", |t| t.contains("Fichier enregistré")).await;
    let chemin = message.split(" : ").nth(1).unwrap().trim().to_string();
    let texte = Command::new("pdftotext")
        .arg(&chemin)
        .arg("-")
        .output()
        .unwrap()
        .stdout;
    let texte = String::from_utf8_lossy(&texte)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        texte.contains("relevé précédent approuvé")
            && texte.contains("recensement des stages de première année"),
        "{texte}"
    );
    assert!(
        texte.contains("Envoyer le questionnaire aux lycées"),
        "{texte}"
    );
    capturer(&c, "reunion").await;

    cliquer(&c, "#menu a[href='#/tableau-de-bord']").await;
    attendre(&c, "#echeances-table tbody tr").await;
    // (L'alerte « réunions insuffisantes » de fin d'année peut s'y ajouter : on regarde les deux autres.)
    let l: Vec<String> = lignes(&c, "#echeances-table")
        .await
        .into_iter()
        .filter(|l| !l.contains("Réunions du groupe"))
        .collect();
    // Les deux échéances suivent l'avenant : la nouvelle fin, et le préavis un mois avant.
    let fr = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    let preavis = nouvelle_fin.checked_sub_months(Months::new(1)).unwrap();
    assert_eq!(l.len(), 2, "{l:?}");
    assert!(
        l[0].contains(&fr(preavis))
            && l[0].contains("préavis")
            && l[0].contains("Aciéries du Nord"),
        "{l:?}"
    );
    assert!(
        l[1].contains(&fr(nouvelle_fin)) && l[1].contains("Échéance de la convention"),
        "{l:?}"
    );
    // Chaque échéance mène à la fiche de sa convention.
    cliquer(&c, "#echeances-table tbody tr a").await;
    attendre_texte(&c, "#fiche-titre", |t| t.contains("Aciéries du Nord")).await;
    attendre_texte(&c, "#fiche-statuts", |t| t.contains("En vigueur le")).await;
    capturer(&c, "tableau-de-bord").await;
    c.close().await.unwrap();
    drop(pilote);
}

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
    attendre_texte(&c, "#presences-table", |t| t.contains("Présent")).await;
    let valeurs = c
        .execute(
            "return [...document.querySelectorAll('#presences-table select')].map(s => s.value)",
            vec![],
        )
        .await
        .unwrap();
    let valeurs: Vec<String> = serde_json::from_value(valeurs).unwrap();
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
    cliquer(&c, "#reunion-compte-rendu").await;
    let message =
        attendre_texte(&c, "#reunion-message", |t| t.contains("Fichier enregistré")).await;
    let chemin = message.split(" : ").nth(1).unwrap().trim().to_string();
    let texte = Command::new("pdftotext")
        .arg(&chemin)
        .arg("-")
        .output()
        .unwrap()
        .stdout;
    let texte = String::from_utf8_lossy(&texte)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
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
    attendre(&c, "#import-cet-fichier")
        .await
        .send_keys(liste.to_str().unwrap())
        .await
        .unwrap();
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
    let compte = attendre_texte(&c, "#import-cet-resultat", |t| !t.is_empty()).await;
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
    std::fs::write(&faux, "bonjour\n").unwrap();
    attendre(&c, "#import-cet-fichier")
        .await
        .send_keys(faux.to_str().unwrap())
        .await
        .unwrap();
    attendre(&c, "#correspondance-table").await;
    cliquer(&c, "#import-cet-valider").await;
    let t = attendre_texte(&c, "#import-cet-resultat", |t| !t.is_empty()).await;
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
