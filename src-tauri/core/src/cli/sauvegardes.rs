//! `passerelle sauvegarder | sauvegardes | restaurer` : les mêmes fonctions que la fenêtre.

use super::execution::base_existante;
use crate::sauvegardes::{self, Contenu};
use crate::vocabulaire::Code;
use crate::{dates, Erreur};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn sauvegarder(
    db: Option<PathBuf>,
    vers: Option<&Path>,
    sortie: &mut dyn Write,
) -> Result<(), Erreur> {
    let b = base_existante(db)?;
    let retention = sauvegardes::retention(&b.conn)?;
    let chemin = sauvegardes::sauvegarder(
        &b.conn,
        &b.chemin,
        sauvegardes::Raison::Manuelle,
        vers,
        &retention,
    )?;
    writeln!(sortie, "{}", chemin.display())?;
    Ok(())
}

fn decrire(c: &Contenu) -> String {
    format!(
        "{} conventions, {} actions IPE, {} CET (schéma {})",
        c.conventions, c.actions, c.cet, c.version
    )
}

pub fn lister(
    db: Option<PathBuf>,
    vers: Option<&Path>,
    sortie: &mut dyn Write,
) -> Result<(), Erreur> {
    let b = base_existante(db)?;
    let dossier = vers
        .map(Path::to_path_buf)
        .unwrap_or_else(|| sauvegardes::dossier_par_defaut(&b.chemin));
    let liste = sauvegardes::lister_dans(&dossier, &b.chemin)?;
    if liste.is_empty() {
        writeln!(sortie, "Aucune sauvegarde dans {}", dossier.display())?;
    }
    for s in liste {
        let contenu = sauvegardes::contenu(&s.chemin)
            .map(|c| decrire(&c))
            .unwrap_or_else(|e| format!("illisible : {e}"));
        writeln!(
            sortie,
            "{} {} – {} – {contenu}\n  {}",
            dates::francaise(s.quand.date()),
            s.quand.format("%Hh%M"),
            s.raison.libelle(),
            s.chemin.display()
        )?;
    }
    Ok(())
}

pub fn restaurer(db: Option<PathBuf>, depuis: &Path, sortie: &mut dyn Write) -> Result<(), Erreur> {
    let b = base_existante(db)?;
    let retention = sauvegardes::retention(&b.conn)?;
    let avant = sauvegardes::restaurer(&b.conn, &b.chemin, depuis, &retention)?;
    let apres = sauvegardes::contenu(&b.chemin)?;
    writeln!(
        sortie,
        "Base restaurée depuis {} : {}\nL'état précédent est sauvegardé dans {}",
        depuis.display(),
        decrire(&apres),
        avant.display()
    )?;
    Ok(())
}
