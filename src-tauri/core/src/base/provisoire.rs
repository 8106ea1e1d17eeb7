//! PROVISOIRE (remplacé par la branche fichiers-coeur).
use super::*;
pub fn nouvelle(chemin: &Path) -> Resultat<Base> {
    if std::fs::metadata(chemin)
        .map(|m| m.len() > 0)
        .unwrap_or(false)
    {
        return Err(crate::Erreur::validation("db", "existe"));
    }
    let b = ouvrir(chemin)?;
    crate::parametres::choisir_accueil(&b.conn, false)?;
    Ok(b)
}
pub fn connexion_de_travail(chemin: &Path) -> Resultat<Connection> {
    let c = Connection::open(chemin)?;
    configurer(&c)?;
    Ok(c)
}
pub fn copier_vers(conn: &Connection, destination: &Path) -> Resultat<()> {
    let _ = std::fs::remove_file(destination);
    conn.execute("VACUUM INTO ?1", [destination.display().to_string()])?;
    Ok(())
}
