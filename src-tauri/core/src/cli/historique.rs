//! `passerelle historique` : le journal des changements, en texte ou en CSV, sur la sortie.

use super::execution::base_existante;
use crate::journal::{self, FiltreJournal};
use crate::Erreur;
use std::io::Write;
use std::path::PathBuf;

pub fn afficher(
    db: Option<PathBuf>,
    depuis: Option<String>,
    csv: bool,
    sortie: &mut dyn Write,
) -> Result<(), Erreur> {
    let b = base_existante(db)?;
    let filtre = FiltreJournal {
        depuis: depuis.unwrap_or_default(),
        ..Default::default()
    };
    let entrees = journal::modele_journal(&b.conn, &filtre)?;
    let texte = if csv {
        journal::rendre_journal_csv(&entrees)
    } else {
        journal::rendre_journal_texte(&entrees)
    };
    write!(sortie, "{texte}")?;
    Ok(())
}
