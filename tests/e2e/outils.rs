//! Le pilote de la fenêtre et les gestes communs aux tests de bout en bout.

pub(crate) use fantoccini::elements::Element;
pub(crate) use fantoccini::{Client, ClientBuilder, Locator};
pub(crate) use std::path::{Path, PathBuf};
pub(crate) use std::process::{Child, Command, Stdio};
pub(crate) use std::time::{Duration, Instant};

pub(crate) use crate::common::{compter_dans, texte_pdf_en_ligne};

pub(crate) const ATTENTE: Duration = Duration::from_secs(15);

/// tauri-driver lancé avec la base voulue dans son environnement (la fenêtre en hérite).
pub(crate) struct Pilote {
    driver: Child,
}

impl Pilote {
    pub(crate) async fn demarrer(db: &Path) -> (Pilote, Client) {
        let outil = std::env::var_os("TAURI_DRIVER")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../.outils/bin/tauri-driver")
            });
        let dossier = db.parent().unwrap_or(Path::new("."));
        let driver = Command::new(&outil)
            .env("PASSERELLE_DB", db)
            // Réponses des dialogues de fichiers (voir `repondre`) et préférences du poste
            // (bases récentes, derniers dossiers) propres à ce test.
            .env("PASSERELLE_DIALOGUES", dialogues(db))
            .env("XDG_CONFIG_HOME", dossier.join("config"))
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

    /// Une session où l'application est lancée avec ces arguments (un fichier ouvert depuis le
    /// bureau, par exemple).
    pub(crate) async fn session_avec(&self, args: &[&Path]) -> Client {
        let args: Vec<String> = args.iter().map(|a| a.display().to_string()).collect();
        self.connecter(
            serde_json::json!({ "application": env!("CARGO_BIN_EXE_passerelle"), "args": args }),
        )
        .await
    }

    /// Une session = un lancement de l'application ; la fermer arrête l'application.
    pub(crate) async fn session(&self) -> Client {
        self.connecter(serde_json::json!({ "application": env!("CARGO_BIN_EXE_passerelle") }))
            .await
    }

    async fn connecter(&self, options: serde_json::Value) -> Client {
        let mut caps = serde_json::Map::new();
        caps.insert("tauri:options".into(), options);
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

fn dialogues(db: &Path) -> PathBuf {
    db.with_extension("dialogues")
}

/// Répond d'avance aux prochains dialogues « Enregistrer sous » / « Ouvrir » de la fenêtre,
/// dans l'ordre : un fichier, un dossier (le document y prend le nom proposé) ou « annuler ».
/// Sans réponse, le dialogue est annulé.
pub(crate) fn repondre(db: &Path, reponses: &[&Path]) {
    let lignes: Vec<String> = reponses.iter().map(|p| p.display().to_string()).collect();
    std::fs::write(dialogues(db), lignes.join("\n")).unwrap();
}

/// Répond d'avance au prochain dialogue « Ouvrir » à choix multiple : tous ces fichiers.
pub(crate) fn repondre_plusieurs(db: &Path, fichiers: &[&Path]) {
    let ligne: Vec<String> = fichiers.iter().map(|p| p.display().to_string()).collect();
    std::fs::write(dialogues(db), ligne.join("|")).unwrap();
}

/// Le nom d'un fichier, pour le comparer.
pub(crate) fn nom(chemin: &Path) -> String {
    chemin.file_name().unwrap().to_string_lossy().into_owned()
}

/// Le fichier que la notice de `zone` dit enregistré (« libellé : nom dans dossier »).
pub(crate) async fn fichier_enregistre(c: &Client, zone: &str, libelle: &str) -> PathBuf {
    attendre_texte(c, zone, |t| t.contains(libelle)).await;
    let v = c
        .execute(
            "const s = document.querySelector(arguments[0] + ' .fichier-enregistre');
             const nom = s.querySelector('strong').textContent;
             const texte = s.textContent;
             return [texte.slice(texte.lastIndexOf(' dans ') + 6), nom];",
            vec![serde_json::json!(zone)],
        )
        .await
        .unwrap();
    let [dossier, nom]: [String; 2] = serde_json::from_value(v).unwrap();
    Path::new(&dossier).join(nom)
}

pub(crate) async fn attendre(c: &Client, css: &str) -> Element {
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
pub(crate) async fn attendre_texte(
    c: &Client,
    css: &str,
    condition: impl Fn(&str) -> bool,
) -> String {
    attendre_texte_pendant(c, css, condition, ATTENTE).await
}

/// Comme `attendre_texte`, pour un long travail (import de dizaines de milliers de lignes).
pub(crate) async fn attendre_texte_long(
    c: &Client,
    css: &str,
    condition: impl Fn(&str) -> bool,
) -> String {
    attendre_texte_pendant(c, css, condition, ATTENTE * 8).await
}

async fn attendre_texte_pendant(
    c: &Client,
    css: &str,
    condition: impl Fn(&str) -> bool,
    attente: Duration,
) -> String {
    let debut = Instant::now();
    loop {
        if let Ok(e) = c.find(Locator::Css(css)).await {
            // Espaces insécables (« 40 000 », « : ») lus comme des espaces ordinaires.
            if let Ok(t) = e
                .text()
                .await
                .map(|t| t.replace(['\u{a0}', '\u{202f}'], " "))
            {
                if condition(&t) {
                    return t;
                }
                if debut.elapsed() > attente {
                    panic!("texte de « {css} » inattendu : {t:?}");
                }
            }
        } else if debut.elapsed() > attente {
            panic!("« {css} » introuvable");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub(crate) async fn cliquer(c: &Client, css: &str) {
    // Un écran qui se redessine (liste relue, formulaire rempli) peut remplacer le bouton entre le
    // moment où on le trouve et le clic : on le retrouve et on réessaie un peu.
    let mut essai = 0;
    loop {
        let e = attendre(c, css).await;
        // Amené au milieu de l'écran : un bouton en bout de ligne d'un long tableau peut être caché.
        let clic = match c
            .execute(
                "arguments[0].scrollIntoView({ block: 'center', inline: 'center' })",
                vec![serde_json::to_value(&e).unwrap()],
            )
            .await
        {
            Ok(_) => e.click().await.map(|_| ()),
            Err(err) => Err(err),
        };
        match clic {
            Ok(()) => return,
            Err(err) if essai >= 10 => panic!("clic sur « {css} » : {err}"),
            Err(_) => {
                essai += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

pub(crate) async fn saisir(c: &Client, css: &str, texte: &str) {
    // Un formulaire qui vient de s'ouvrir peut encore charger ses listes : on réessaie un peu.
    for essai in 0..10 {
        let e = attendre(c, css).await;
        // WebKitWebDriver n'amène pas toujours le champ à l'écran avant de l'effacer.
        centrer(c, css).await;
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

/// Choisit `libelle` dans la liste `css` ; dans un sélecteur de fiche (combobox), tape le nom
/// (avant une éventuelle parenthèse « (Lens) ») et prend la fiche de ce nom dont le contexte
/// contient ce qui est entre parenthèses.
pub(crate) async fn choisir(c: &Client, css: &str, libelle: &str) {
    let e = attendre(c, css).await;
    if e.attr("role").await.ok().flatten().as_deref() == Some("combobox") {
        let (nom, precision) = match libelle.split_once(" (") {
            Some((n, p)) => (n, p.trim_end_matches(')')),
            None => (libelle, ""),
        };
        choisir_fiche(c, css, nom, nom, precision).await;
        return;
    }
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

/// Dans le sélecteur `css` : tape `tape`, attend l'option de libellé `libelle` dont le texte
/// contient aussi `contexte`, et la choisit d'un clic.
pub(crate) async fn choisir_fiche(
    c: &Client,
    css: &str,
    tape: &str,
    libelle: &str,
    contexte: &str,
) {
    saisir(c, css, tape).await;
    let debut = Instant::now();
    loop {
        let v = c
            .execute(
                "const i = document.querySelector(arguments[0]);
                 const l = document.getElementById(i.getAttribute('aria-controls'));
                 const o = [...l.querySelectorAll('[role=option]')].find((o) =>
                   o.querySelector('.selecteur-libelle').textContent === arguments[1] && o.textContent.includes(arguments[2]));
                 if (!o || l.hidden) return false;
                 o.click();
                 return i.value;",
                vec![
                    serde_json::json!(css),
                    serde_json::json!(libelle),
                    serde_json::json!(contexte),
                ],
            )
            .await
            .unwrap();
        if v == serde_json::json!(libelle) {
            return;
        }
        if debut.elapsed() > ATTENTE {
            capturer(c, "echec").await;
            panic!("« {libelle} » ({contexte}) n'est pas proposé par « {css} » pour « {tape} »");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Textes des lignes d'un tableau, lus d'un coup (la liste peut se redessiner entre deux appels).
pub(crate) async fn lignes(c: &Client, table: &str) -> Vec<String> {
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
pub(crate) async fn capturer(c: &Client, nom: &str) {
    c.execute_async("const fin = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => fin()));", vec![])
        .await
        .unwrap();
    let png = c.screenshot().await.unwrap();
    let dossier = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/captures");
    std::fs::create_dir_all(&dossier).unwrap();
    std::fs::write(dossier.join(format!("{nom}.png")), png).unwrap();
}

pub(crate) async fn creer_etablissement(c: &Client, uai: &str, nom: &str) {
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

/// La fenêtre ouverte sur une base neuve remplie par la démonstration, au tableau de bord.
pub(crate) async fn demarrer_demo(db: &Path) -> (Pilote, Client) {
    let (pilote, c) = Pilote::demarrer(db).await;
    cliquer(&c, "#accueil-demo").await;
    attendre_texte(&c, "main h1", |t| t == "Tableau de bord").await;
    (pilote, c)
}

/// La date à `jours` d'aujourd'hui (négatif : dans le passé), au format `format` de chrono.
pub(crate) fn jour_dans(jours: i64, format: &str) -> String {
    (chrono::Local::now().date_naive() + chrono::Duration::days(jours))
        .format(format)
        .to_string()
}

/// La fiche du CLEE du bassin de Lens-Liévin (démonstration), cherché depuis le menu.
pub(crate) async fn ouvrir_clee_de_lens(c: &Client) {
    cliquer(c, "#menu a[href='#/clee']").await;
    saisir(c, "#comites-recherche", "lens").await;
    attendre_texte(c, "#comites-compte", |t| t == "1 comité").await;
    cliquer(c, "#comites-table tbody tr button[aria-label^='Fiche']").await;
    attendre_texte(c, "#fiche-titre", |t| t.contains("Lens-Liévin")).await;
}

/// Amène le champ `css` au milieu de l'écran (avant une capture).
pub(crate) async fn centrer(c: &Client, css: &str) {
    c.execute(
        "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })",
        vec![serde_json::json!(css)],
    )
    .await
    .unwrap();
}

/// Un dossier temporaire et le chemin de la base `nom` dedans (créée par la fenêtre).
pub(crate) fn base_temporaire(nom: &str) -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join(nom);
    (d, db)
}
