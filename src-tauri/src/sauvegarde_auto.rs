//! Sauvegardes prises sans qu'on les demande : à l'ouverture d'une base qui a changé depuis sa
//! dernière copie, puis toutes les 15 minutes tant qu'il y a des changements. Sur une connexion
//! à part : la fenêtre n'attend pas la copie.

use crate::app::Etat;
use passerelle_core::base::{self, Base};
use passerelle_core::sauvegardes::{self, Raison};
use passerelle_core::{Connection, Resultat};
use std::path::Path;
use std::time::Duration;
use tauri::{AppHandle, Manager};

const PERIODE: Duration = Duration::from_secs(15 * 60);

fn si_modifiee(conn: &Connection, chemin: &Path, raison: Raison) -> Resultat<()> {
    let retention = sauvegardes::retention(conn)?;
    sauvegardes::sauvegarder_si_modifiee(conn, chemin, raison, &retention)?;
    Ok(())
}

/// À l'ouverture : une copie si la base a changé depuis la dernière, sur un fil à part (une
/// grosse base ne retarde pas la fenêtre). Un échec (disque plein, dossier en lecture seule)
/// n'empêche pas de travailler ; il est signalé.
pub fn a_l_ouverture(b: &Base) {
    let chemin = b.chemin.clone();
    std::thread::spawn(move || {
        let r = base::connexion_de_travail(&chemin)
            .and_then(|c| si_modifiee(&c, &chemin, Raison::Ouverture));
        if let Err(e) = r {
            eprintln!("passerelle : sauvegarde à l'ouverture impossible : {e}");
        }
    });
}

/// Toutes les 15 minutes, une copie de la base ouverte si elle a changé.
pub fn lancer_periodiques(app: AppHandle) {
    std::thread::spawn(move || loop {
        std::thread::sleep(PERIODE);
        let chemin = app.state::<Etat>().chemin();
        let r = base::connexion_de_travail(&chemin)
            .and_then(|c| si_modifiee(&c, &chemin, Raison::Automatique));
        if let Err(e) = r {
            eprintln!("passerelle : sauvegarde automatique impossible : {e}");
        }
    });
}
