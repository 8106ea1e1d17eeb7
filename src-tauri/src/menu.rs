//! La barre de menus native : Fichier (bases, copie, quitter) et Aide (À propos), avec leurs
//! raccourcis clavier. Les actions s'exécutent hors du fil de la fenêtre ; une erreur s'affiche
//! dans un message du système.

use crate::app::Etat;
use crate::{bases, fichiers};
use tauri::menu::{Menu, MenuBuilder, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Manager, Wry};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

pub fn construire(app: &AppHandle) -> tauri::Result<Menu<Wry>> {
    let article = |id: &str, texte: &str, raccourci: &str| {
        MenuItemBuilder::with_id(id, texte)
            .accelerator(raccourci)
            .build(app)
    };
    let mut recentes = SubmenuBuilder::new(app, "Bases récentes");
    let liste = fichiers::preferences(app).recentes;
    for (rang, chemin) in liste.iter().enumerate() {
        recentes = recentes.text(format!("recente-{rang}"), chemin.display().to_string());
    }
    if liste.is_empty() {
        recentes = recentes.item(
            &MenuItemBuilder::with_id("aucune", "Aucune base récente")
                .enabled(false)
                .build(app)?,
        );
    }
    let fichier = SubmenuBuilder::new(app, "Fichier")
        .item(&article("nouvelle", "Nouvelle base…", "CmdOrCtrl+N")?)
        .item(&article("ouvrir", "Ouvrir une base…", "CmdOrCtrl+O")?)
        .item(&recentes.build()?)
        .separator()
        .item(&article(
            "copie",
            "Enregistrer une copie…",
            "CmdOrCtrl+Shift+S",
        )?)
        .separator()
        .item(&article("quitter", "Quitter", "CmdOrCtrl+Q")?)
        .build()?;
    let aide = SubmenuBuilder::new(app, "Aide")
        .item(&article("a-propos", "À propos de Passerelle", "F1")?)
        .build()?;
    MenuBuilder::new(app).items(&[&fichier, &aide]).build()
}

/// Reconstruit le menu (bases récentes changées).
pub fn actualiser(app: &AppHandle) {
    if let Ok(menu) = construire(app) {
        let _ = app.set_menu(menu);
    }
}

pub fn traiter(app: &AppHandle, id: &str) {
    if id == "quitter" {
        app.exit(0);
        return;
    }
    let (app, id) = (app.clone(), id.to_string());
    // Un dialogue attend l'utilisateur : jamais sur le fil de la fenêtre.
    tauri::async_runtime::spawn_blocking(move || {
        let resultat = match id.as_str() {
            "nouvelle" => bases::nouvelle(&app).map(|change| recharger_si(&app, change)),
            "ouvrir" => bases::ouvrir(&app).map(|change| recharger_si(&app, change)),
            "copie" => bases::copier(&app).map(|_| ()),
            "a-propos" => {
                a_propos(&app);
                Ok(())
            }
            autre => match autre.strip_prefix("recente-").and_then(|r| r.parse().ok()) {
                Some(rang) => bases::ouvrir_recente(&app, rang).map(|_| bases::recharger(&app)),
                None => Ok(()),
            },
        };
        if let Err(e) = resultat {
            app.dialog()
                .message(e.to_string())
                .title("Passerelle")
                .kind(MessageDialogKind::Error)
                .buttons(fermer())
                .blocking_show();
        }
    });
}

fn recharger_si(app: &AppHandle, change: bool) {
    if change {
        bases::recharger(app);
    }
}

/// Version du programme et du schéma, chemin de la base.
fn a_propos(app: &AppHandle) {
    let etat = app.state::<Etat>();
    let schema = etat
        .avec(passerelle_core::base::version)
        .map(|v| v.to_string())
        .unwrap_or_else(|e| e.to_string());
    let texte = format!(
        "Passerelle {}\nLa relation École-entreprise d'une académie, sur le poste du délégué.\n\nSchéma de la base : version {schema}\nBase ouverte : {}",
        passerelle_core::VERSION,
        etat.chemin().display()
    );
    app.dialog()
        .message(texte)
        .title("À propos de Passerelle")
        .kind(MessageDialogKind::Info)
        .buttons(fermer())
        .blocking_show();
}

/// Un bouton en français, quelle que soit la langue du système.
fn fermer() -> MessageDialogButtons {
    MessageDialogButtons::OkCustom("Fermer".into())
}
