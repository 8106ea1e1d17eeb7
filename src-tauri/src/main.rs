// Sans console sous Windows en version finale ; la ligne de commande reste utilisable.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod app;
mod bases;
mod commandes;
mod dialogues;
mod erreur;
mod fichiers;
mod menu;
mod sauvegarde_auto;
mod travaux;

use passerelle_core::{base, cli};

fn main() {
    // Les arguments tels quels : un nom de fichier peut ne pas être en UTF-8.
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    match cli::analyser(&args) {
        Err(message) => {
            console_du_parent();
            eprintln!("passerelle : {message}\n\n{}", cli::AIDE);
            std::process::exit(2);
        }
        Ok(cli::Demande::Fenetre { db, paquets }) => app::lancer(base::chemin_choisi(db), paquets),
        Ok(demande) => {
            console_du_parent();
            let code = cli::executer(demande, &mut std::io::stdout(), &mut std::io::stderr());
            std::process::exit(code);
        }
    }
}

/// Sous Windows, le binaire publié n'a pas de console (`windows_subsystem`) : la ligne de
/// commande reprend celle d'où elle a été lancée pour y écrire ses messages et ses résultats.
#[cfg(windows)]
fn console_du_parent() {
    use windows_sys::Win32::System::Console::{AttachConsole, ATTACH_PARENT_PROCESS};
    // SAFETY : appel sans pointeur ; sans console parente (double-clic), il échoue sans effet.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn console_du_parent() {}
