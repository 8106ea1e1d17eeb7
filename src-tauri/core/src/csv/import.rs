//! Passage des lignes lues aux imports, tout ou rien, et lecture des nombres saisis.

use super::{Ligne, TableCsv};

/// Passe chaque ligne à `traiter` dans une seule transaction : toutes les lignes fautives sont
/// signalées (« Ligne 12 : … ») et, s'il y en a une, ou en mode essai, rien n'est écrit.
/// `suivi` compte les lignes ; une annulation défait tout et rend `Erreur::Annulee`.
/// Rend le nombre de lignes traitées.
pub fn importer_lignes(
    conn: &rusqlite::Connection,
    table: &TableCsv,
    essai: bool,
    suivi: &crate::travail::Suivi,
    mut traiter: impl FnMut(&rusqlite::Connection, &Ligne) -> crate::Resultat<()>,
) -> crate::Resultat<usize> {
    // Un point tout-ou-rien (`base::Point`) : l'import peut s'inscrire dans une transaction plus
    // large (chargement de la démonstration). Les notes du journal sont écrites dans ce même
    // point, avant qu'il soit validé ou défait.
    let point = crate::base::Point::ouvrir(conn, "import_csv")?;
    let (erreurs, arret) = crate::journal::par(conn, crate::journal::Chemin::Import, || {
        crate::journal::creations_en_bloc(conn, || {
            Ok(traiter_lignes(conn, table, suivi, &mut traiter))
        })
    })
    .unwrap_or_else(|e| (Vec::new(), Some(e)));
    let annuler = arret.is_some() || !erreurs.is_empty() || essai;
    if annuler {
        point.annuler()?;
    } else {
        point.valider()?;
    }
    if let Some(e) = arret {
        return Err(e);
    }
    if !erreurs.is_empty() {
        return Err(crate::Erreur::Import(erreurs));
    }
    Ok(table.lignes.len())
}

/// Passe les lignes à `traiter` : les erreurs de ligne (« Ligne 12 : … ») et, s'il y en a une,
/// l'erreur qui arrête tout (base, annulation).
fn traiter_lignes(
    conn: &rusqlite::Connection,
    table: &TableCsv,
    suivi: &crate::travail::Suivi,
    traiter: &mut impl FnMut(&rusqlite::Connection, &Ligne) -> crate::Resultat<()>,
) -> (Vec<String>, Option<crate::Erreur>) {
    suivi.fixer_total(table.lignes.len() as u64);
    let mut erreurs = Vec::new();
    // Annulée avant de commencer : aucune ligne n'est lue.
    let mut arret = suivi.avancer(0).err();
    for (i, ligne) in table.lignes.iter().enumerate() {
        if arret.is_some() {
            break;
        }
        match traiter(conn, ligne) {
            Ok(()) => {}
            Err(e @ (crate::Erreur::Sqlite(_) | crate::Erreur::Annulee)) => arret = Some(e),
            Err(e) => erreurs.push(format!("Ligne {} : {e}", ligne.numero)),
        }
        // Annulation demandée : on s'arrête après cette ligne et tout est défait plus bas.
        if arret.is_none() {
            arret = suivi.avancer(i as u64 + 1).err();
        }
    }
    (erreurs, arret)
}

/// Un entier positif ou nul écrit à la française (« 1 250 ») ; vide = 0.
pub fn entier_positif(valeur: &str, colonne: &str) -> Result<i64, String> {
    let v: String = valeur
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}')
        .collect();
    if v.is_empty() {
        return Ok(0);
    }
    match v.parse::<i64>() {
        Ok(n) if n >= 0 => Ok(n),
        Ok(_) => Err(format!("{colonne} : « {valeur} » est négatif.")),
        Err(_) => Err(format!(
            "{colonne} : « {valeur} » n'est pas un nombre entier."
        )),
    }
}
