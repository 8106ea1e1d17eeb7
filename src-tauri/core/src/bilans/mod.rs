//! Les bilans imprimables : chacun transforme ses chiffres en `rapport::Rapport` (PDF) ou en CSV.

pub mod ipe;

/// « Édité le 24/11/2026 », pour les couvertures.
pub fn date_d_edition() -> String {
    format!(
        "Édité le {}",
        crate::dates::francaise(chrono::Local::now().date_naive())
    )
}

/// Écrit un document produit dans `dossier` (créé au besoin) sous `nom` ; rend le chemin.
pub fn ecrire(
    dossier: &std::path::Path,
    nom: &str,
    octets: &[u8],
) -> crate::Resultat<std::path::PathBuf> {
    std::fs::create_dir_all(dossier)?;
    let chemin = dossier.join(nom);
    std::fs::write(&chemin, octets)?;
    Ok(chemin)
}
