//! Sauvegardes (copies de la base) depuis la page Paramètres : la liste (date, raison, contenu), une sauvegarde
//! tout de suite, une restauration (l'état présent est sauvegardé d'abord).

use super::R;
use crate::app::Etat;
use crate::dialogues::{self, Demande, Mode};
use crate::fichiers::{a_part, Enregistre};
use passerelle_core::sauvegardes::{self, Contenu, Raison};
use passerelle_core::vocabulaire::Code;
use serde::Serialize;
use tauri::{AppHandle, State};

/// Une sauvegarde telle que la page la montre ; la page la désigne par son rang.
#[derive(Serialize)]
pub struct SauvegardeListee {
    rang: usize,
    nom: String,
    quand: String,
    raison: &'static str,
    contenu: Option<Contenu>,
}

#[derive(Serialize)]
pub struct Sauvegardes {
    dossier: String,
    liste: Vec<SauvegardeListee>,
}

#[tauri::command(async)]
pub fn lister_sauvegardes(etat: State<Etat>) -> R<Sauvegardes> {
    let base = etat.chemin();
    let dossier = sauvegardes::dossier_par_defaut(&base);
    let liste = sauvegardes::lister_dans(&dossier, &base)?
        .into_iter()
        .map(|s| SauvegardeListee {
            contenu: sauvegardes::contenu(&s.chemin).ok(),
            quand: s.quand.format("%Y-%m-%dT%H:%M").to_string(),
            raison: s.raison.libelle(),
            nom: s.nom,
            rang: etat.retenir_fichier(s.chemin),
        })
        .collect();
    Ok(Sauvegardes {
        dossier: dossier.display().to_string(),
        liste,
    })
}

/// Une sauvegarde tout de suite, dans `sauvegardes/` à côté de la base.
#[tauri::command]
pub async fn sauvegarder_base(app: AppHandle) -> R<Enregistre> {
    a_part(app, |_, etat| {
        let chemin = etat.avec_chemin(|c, base| sauvegardes::avant(c, base, Raison::Manuelle))?;
        Ok(Enregistre::retenu(etat, chemin, Vec::new()))
    })
    .await
}

/// Restaure la sauvegarde de rang `rang` ; la page se recharge ensuite sur la base restaurée.
#[tauri::command]
pub async fn restaurer_sauvegarde(app: AppHandle, rang: usize) -> R<()> {
    a_part(app, move |_, etat| {
        let depuis = etat.fichier(rang)?;
        etat.avec_chemin(|c, base| {
            sauvegardes::restaurer(c, base, &depuis, &sauvegardes::retention(c)?)
        })?;
        Ok(())
    })
    .await
}

/// Ce que contient la base ouverte, lu au moment de la demande (aperçu d'une restauration).
#[tauri::command(async)]
pub fn lire_contenu_base(etat: State<Etat>) -> R<Contenu> {
    Ok(sauvegardes::contenu(&etat.chemin())?)
}

#[tauri::command(async)]
pub fn lire_retention(etat: State<Etat>) -> R<sauvegardes::Retention> {
    etat.avec(sauvegardes::retention)
}

#[tauri::command(async)]
pub fn ecrire_retention(
    etat: State<Etat>,
    retention: sauvegardes::Retention,
) -> R<sauvegardes::Retention> {
    etat.avec(|c| sauvegardes::ecrire_retention(c, &retention))
}

/// Où en sont les copies hors du poste (second dossier, dernière copie, alerte).
#[tauri::command(async)]
pub fn etat_copies(etat: State<Etat>) -> R<sauvegardes::EtatCopies> {
    etat.avec_chemin(|c, base| {
        sauvegardes::etat_copies(c, base, chrono::Local::now().naive_local())
    })
}

/// Choisit dans le dialogue du système le second dossier (clé USB, partage réseau) ; `false`
/// si l'utilisateur a annulé.
#[tauri::command]
pub async fn choisir_dossier_copie(app: AppHandle) -> R<bool> {
    a_part(app, |app, etat| {
        let demande = Demande {
            titre: "Choisir le dossier de copie (clé USB, partage réseau)",
            mode: Mode::Dossier,
            nom: None,
            filtres: &[],
            dossier: None,
        };
        let Some(dossier) = dialogues::choisir(app, &demande) else {
            return Ok(false);
        };
        etat.avec_chemin(|c, base| sauvegardes::choisir_second_dossier(c, base, Some(&dossier)))?;
        Ok(true)
    })
    .await
}

#[tauri::command(async)]
pub fn retirer_dossier_copie(etat: State<Etat>) -> R<()> {
    etat.avec_chemin(|c, base| sauvegardes::choisir_second_dossier(c, base, None))
}
