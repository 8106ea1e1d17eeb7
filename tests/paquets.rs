//! Les paquets installables, vérifiés sans construction en release (trop longue pour chaque
//! passage des tests) : la section « bundle » de tauri.conf.json, les icônes aux tailles
//! déclarées, l'entrée .desktop, la version unique, le profil release et le pipeline
//! GitHub Actions relu comme YAML. Le vrai test d'installation est scripts/tester-paquet.sh.

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use yaml_rust2::{Yaml, YamlLoader};

fn racine() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("dossier du dépôt")
        .to_path_buf()
}

fn lire(relatif: &str) -> String {
    let chemin = racine().join(relatif);
    fs::read_to_string(&chemin).unwrap_or_else(|e| panic!("{} illisible : {e}", chemin.display()))
}

fn config() -> Value {
    serde_json::from_str(&lire("src-tauri/tauri.conf.json")).expect("tauri.conf.json")
}

fn chaines(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// Largeur et hauteur lues dans l'en-tête IHDR d'un PNG.
fn taille_png(octets: &[u8]) -> (u32, u32) {
    assert!(octets.starts_with(b"\x89PNG\r\n\x1a\n"), "pas un PNG");
    assert_eq!(&octets[12..16], b"IHDR");
    let mot =
        |i: usize| u32::from_be_bytes([octets[i], octets[i + 1], octets[i + 2], octets[i + 3]]);
    (mot(16), mot(20))
}

/// Tailles annoncées par le répertoire d'un .ico (0 veut dire 256).
fn tailles_ico(octets: &[u8]) -> Vec<u32> {
    assert_eq!(&octets[0..4], &[0, 0, 1, 0], "pas un .ico");
    let n = usize::from(u16::from_le_bytes([octets[4], octets[5]]));
    (0..n)
        .map(|i| match octets[6 + 16 * i] {
            0 => 256,
            l => u32::from(l),
        })
        .collect()
}

#[test]
fn le_paquet_est_actif_pour_les_trois_systemes() {
    let c = config();
    let b = &c["bundle"];
    assert_eq!(b["active"], Value::Bool(true));
    let cibles = chaines(&b["targets"]);
    for t in ["deb", "rpm", "nsis", "msi", "dmg"] {
        assert!(cibles.contains(&t), "cible {t} absente : {cibles:?}");
    }
    assert!(!cibles.contains(&"appimage"), "AppImage demande GitHub");
    let courte = b["shortDescription"].as_str().unwrap_or_default();
    let longue = b["longDescription"].as_str().unwrap_or_default();
    assert!(
        courte.contains("École-entreprise"),
        "description courte : {courte}"
    );
    assert!(longue.len() > courte.len() && longue.contains("délégué"));
    assert_eq!(b["category"], "Education");
    let licence = b["licenseFile"].as_str().expect("licenseFile");
    let texte = fs::read_to_string(racine().join("src-tauri").join(licence)).expect("licence");
    assert!(texte.starts_with("EUROPEAN UNION PUBLIC LICENCE v. 1.2"));
}

#[test]
fn les_dependances_linux_sont_declarees() {
    let c = config();
    let linux = &c["bundle"]["linux"];
    // Le bundler ajoute lui-même libwebkit2gtk-4.1-0 et libgtk-3-0 au .deb (dpkg-deb -I les
    // montrait en double) ; la configuration déclare les autres bibliothèques liées directement.
    let deb = chaines(&linux["deb"]["depends"]);
    assert!(
        !deb.contains(&"libwebkit2gtk-4.1-0") && !deb.contains(&"libgtk-3-0"),
        "{deb:?}"
    );
    for lib in [
        "libsoup-3.0-0",
        "libjavascriptcoregtk-4.1-0",
        "libglib2.0-0",
    ] {
        assert!(deb.contains(&lib), "{lib} absent : {deb:?}");
    }
    let licence =
        |format: &str, chemin: &str| linux[format]["files"][chemin].as_str().map(String::from);
    assert_eq!(
        licence("deb", "/usr/share/doc/passerelle/copyright").as_deref(),
        Some("../LICENCE")
    );
    assert_eq!(
        licence("rpm", "/usr/share/licenses/passerelle/LICENCE").as_deref(),
        Some("../LICENCE")
    );
    let rpm = chaines(&linux["rpm"]["depends"]);
    assert!(
        rpm.iter().any(|d| d.starts_with("webkit2gtk4.1")),
        "{rpm:?}"
    );
    assert!(rpm.contains(&"gtk3"), "{rpm:?}");
    for format in ["deb", "rpm"] {
        let gabarit = linux[format]["desktopTemplate"]
            .as_str()
            .expect("desktopTemplate");
        assert_eq!(gabarit, "paquet/passerelle.desktop", "{format}");
    }
}

#[test]
fn l_entree_desktop_est_en_francais_et_complete() {
    let texte = lire("src-tauri/paquet/passerelle.desktop");
    let lignes: Vec<&str> = texte.lines().collect();
    assert_eq!(lignes.first(), Some(&"[Desktop Entry]"));
    let valeur = |cle: &str| {
        lignes
            .iter()
            .find_map(|l| l.strip_prefix(&format!("{cle}=")))
            .unwrap_or_else(|| panic!("{cle}= absent du .desktop"))
    };
    assert_eq!(valeur("Type"), "Application");
    assert_eq!(valeur("Name"), "{{name}}");
    // %F : un paquet .passerelle ouvert depuis le gestionnaire de fichiers arrive en argument.
    assert_eq!(valeur("Exec"), "{{exec}} %F");
    assert_eq!(valeur("MimeType"), "application/x-passerelle-paquet;");
    assert_eq!(valeur("Icon"), "{{icon}}");
    assert_eq!(valeur("Terminal"), "false");
    assert_eq!(valeur("Categories"), "Office;Education;");
    assert!(valeur("Comment").contains("École-entreprise"));
    // Seules les variables que le bundler de Tauri connaît (sinon le gabarit casse).
    let connues = [
        "{{name}}",
        "{{exec}}",
        "{{icon}}",
        "{{categories}}",
        "{{comment}}",
    ];
    let mut reste = texte.clone();
    for v in connues {
        reste = reste.replace(v, "");
    }
    assert!(
        !reste.contains("{{"),
        "variable inconnue dans le .desktop : {reste}"
    );
}

/// Un fichier .passerelle s'ouvre avec Passerelle : association déclarée pour Windows et macOS,
/// type MIME installé sous Linux (.deb et .rpm) et reconnu à son extension.
#[test]
fn les_paquets_de_consolidation_s_ouvrent_avec_passerelle() {
    let c = config();
    let a = &c["bundle"]["fileAssociations"][0];
    assert_eq!(chaines(&a["ext"]), ["passerelle"]);
    assert_eq!(a["mimeType"], "application/x-passerelle-paquet");
    for format in ["deb", "rpm"] {
        let fichiers = &c["bundle"]["linux"][format]["files"];
        assert_eq!(
            fichiers["/usr/share/mime/packages/passerelle.xml"], "paquet/passerelle-mime.xml",
            "{format}"
        );
    }
    let mime = lire("src-tauri/paquet/passerelle-mime.xml");
    assert!(
        mime.contains("<mime-type type=\"application/x-passerelle-paquet\">")
            && mime.contains("<glob pattern=\"*.passerelle\"/>"),
        "{mime}"
    );
}

#[test]
fn les_icones_existent_a_chaque_taille_declaree() {
    let c = config();
    let icones = chaines(&c["bundle"]["icon"]);
    let dossier = racine().join("src-tauri");
    // La fenêtre prend la première PNG : 256 pixels, pas l'icône 1024 (4 Mo décodés).
    assert_eq!(icones.first(), Some(&"icons/256x256.png"));
    // « 128x128@2x » irait dans hicolor/256x256@2, un dossier que les bureaux ne lisent pas.
    assert!(!icones.iter().any(|i| i.contains('@')), "{icones:?}");
    let mut pngs = Vec::new();
    for icone in &icones {
        let octets = fs::read(dossier.join(icone)).unwrap_or_else(|e| panic!("{icone} : {e}"));
        let nom = Path::new(icone)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("");
        if let Some(base) = nom.strip_suffix(".png") {
            let (l, h) = taille_png(&octets);
            assert_eq!(l, h, "{icone} n'est pas carrée");
            if let Some((cote, _)) = base.split_once('x') {
                let cote: u32 = cote.parse().expect("taille dans le nom");
                let attendu = if base.ends_with("@2x") {
                    2 * cote
                } else {
                    cote
                };
                assert_eq!(l, attendu, "{icone}");
            }
            pngs.push(l);
        } else if nom.ends_with(".ico") {
            let tailles = tailles_ico(&octets);
            assert!(
                tailles.contains(&32) && tailles.contains(&256),
                "{tailles:?}"
            );
        } else if nom.ends_with(".icns") {
            assert_eq!(&octets[0..4], b"icns");
            let longueur = u32::from_be_bytes([octets[4], octets[5], octets[6], octets[7]]);
            assert_eq!(longueur as usize, octets.len(), "icns tronqué");
        } else {
            panic!("format d'icône inattendu : {icone}");
        }
    }
    for attendu in [32, 64, 128, 256, 512] {
        assert!(
            pngs.contains(&attendu),
            "pas d'icône PNG de {attendu} px : {pngs:?}"
        );
    }
    // Une seule image source, d'où « tauri icon » tire toutes les autres (scripts/icones.sh).
    assert!(lire("assets/icone/passerelle.svg").contains("<svg"));
}

#[test]
fn une_seule_version_celle_du_cargo_du_depot() {
    let c = config();
    // Sans « version », Tauri prend celle de Cargo.toml pour les paquets.
    assert!(
        c.get("version").is_none(),
        "version en double dans tauri.conf.json"
    );
    for crate_ in ["src-tauri/Cargo.toml", "src-tauri/core/Cargo.toml"] {
        assert!(
            lire(crate_).contains("version.workspace = true"),
            "{crate_}"
        );
    }
    let depot = lire("Cargo.toml");
    let ligne = format!("version = \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(
        depot.contains(&ligne),
        "la version du dépôt n'est pas {ligne}"
    );
    assert_eq!(passerelle_core::VERSION, env!("CARGO_PKG_VERSION"));
}

#[test]
fn le_profil_release_garde_le_deroulement_des_paniques() {
    let depot = lire("Cargo.toml");
    let profil = depot
        .split("[profile.release]")
        .nth(1)
        .expect("[profile.release] absent")
        .split("\n[")
        .next()
        .unwrap_or_default();
    let actif = |ligne: &str| profil.lines().any(|l| l.trim() == ligne);
    assert!(actif("lto = true") && actif("codegen-units = 1") && actif("strip = true"));
    // « abort » tuerait le programme au lieu de laisser Etat::avec rattraper la panique.
    assert!(actif("panic = \"unwind\""), "{profil}");
}

fn pipeline() -> Yaml {
    let docs = YamlLoader::load_from_str(&lire(".github/workflows/paquets.yml"))
        .expect("paquets.yml n'est pas du YAML valide");
    docs.into_iter().next().expect("paquets.yml vide")
}

/// Version de la CLI Tauri figée dans scripts/outils-tauri.sh.
fn version_cli() -> String {
    lire("scripts/outils-tauri.sh")
        .lines()
        .find_map(|l| l.strip_prefix("TAURI_CLI_VERSION=\""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("TAURI_CLI_VERSION dans outils-tauri.sh")
        .to_string()
}

#[test]
fn le_pipeline_construit_windows_macos_et_linux() {
    let p = pipeline();
    assert!(
        !p["on"]["workflow_dispatch"].is_badvalue(),
        "lancement à la main"
    );
    assert_eq!(
        p["env"]["TAURI_CLI_VERSION"].as_str(),
        Some(version_cli().as_str())
    );
    let job = &p["jobs"]["paquets"];
    let matrice = job["strategy"]["matrix"]["include"]
        .as_vec()
        .expect("matrice");
    let paquets = |os: &str| {
        matrice
            .iter()
            .find(|m| m["os"].as_str().is_some_and(|o| o.starts_with(os)))
            .and_then(|m| m["paquets"].as_str())
            .unwrap_or_else(|| panic!("pas de machine {os}"))
            .to_string()
    };
    assert_eq!(paquets("windows"), "nsis,msi");
    assert_eq!(paquets("macos"), "dmg");
    assert_eq!(paquets("ubuntu"), "deb,rpm");
    assert_eq!(job["runs-on"].as_str(), Some("${{ matrix.os }}"));
    let etapes = job["steps"].as_vec().expect("étapes");
    let commandes: Vec<&str> = etapes.iter().filter_map(|e| e["run"].as_str()).collect();
    assert!(commandes
        .iter()
        .any(|c| c.contains("tauri.js build --ci --bundles ${{ matrix.paquets }}")));
    assert!(commandes
        .iter()
        .any(|c| c.contains("scripts/tester-paquet.sh")));
    for e in etapes {
        if let Some(action) = e["uses"].as_str() {
            assert!(action.contains('@'), "action sans version : {action}");
        }
    }
    let envoi = etapes
        .iter()
        .find(|e| {
            e["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-artifact"))
        })
        .expect("envoi des paquets");
    let chemins = envoi["with"]["path"].as_str().unwrap_or_default();
    for ext in ["*.deb", "*.rpm", "*.exe", "*.msi", "*.dmg"] {
        assert!(chemins.contains(ext), "{ext} non envoyé");
    }
}

#[test]
fn windows_installe_webview2_sans_reseau() {
    let c = config();
    let w = &c["bundle"]["windows"];
    // « embedBootstrapper » télécharge encore WebView2 à l'installation : seul l'installeur
    // complet embarqué sert un portable sans réseau.
    assert_eq!(w["webviewInstallMode"]["type"], "offlineInstaller");
    assert_eq!(chaines(&w["nsis"]["languages"]), ["French"]);
    assert_eq!(w["wix"]["language"], "fr-FR");
    // Fixé une fois pour toutes : sinon une mise à jour du MSI s'installerait à côté de l'ancienne.
    let code = w["wix"]["upgradeCode"].as_str().unwrap_or_default();
    assert_eq!(code.len(), 36, "upgradeCode : {code}");
}
