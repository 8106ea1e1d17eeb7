//! PROVISOIRE (remplacé par la branche fichiers-coeur).
use std::path::Path;
pub fn ecrire_atomique(chemin: &Path, octets: &[u8]) -> crate::Resultat<()> {
    let tmp = chemin.with_extension("tmp-passerelle");
    std::fs::write(&tmp, octets)?;
    std::fs::rename(&tmp, chemin)?;
    Ok(())
}
pub const LIMITE_IMPORT: u64 = 200 * 1024 * 1024;
pub const LIMITE_PIECE: u64 = 50 * 1024 * 1024;
pub fn lire_entrant(chemin: &Path, _limite: u64) -> crate::Resultat<Vec<u8>> {
    Ok(std::fs::read(chemin)?)
}
