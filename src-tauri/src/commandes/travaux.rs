//! Suivi des longs travaux par la page : avancement, résultat, annulation.

use super::R;
use crate::app::Etat;
use crate::travaux::EtatTravail;
use tauri::State;

#[tauri::command(async)]
pub fn suivre_travail(etat: State<Etat>, id: u64) -> R<EtatTravail> {
    etat.travaux.suivre(id)
}

#[tauri::command(async)]
pub fn annuler_travail(etat: State<Etat>, id: u64) -> R<()> {
    etat.travaux.annuler(id)
}
