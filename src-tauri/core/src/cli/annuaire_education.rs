//! Le compte rendu de `passerelle import annuaire-education`, en français, nombres à la française.

use crate::annuaire::annuaire_education::CompteRendu;
use crate::texte::nombre;
use crate::Erreur;
use std::io::Write;

fn n(x: usize) -> String {
    nombre(x as i64)
}

/// « 3 lignes » / « 1 ligne ».
fn lignes(x: usize) -> String {
    format!("{} ligne{}", n(x), if x > 1 { "s" } else { "" })
}

/// Les messages gardés, puis « … et 12 autres » s'il y en a plus.
fn liste(sortie: &mut dyn Write, messages: &[String], total: usize) -> Result<(), Erreur> {
    for m in messages {
        writeln!(sortie, "  {m}")?;
    }
    if total > messages.len() {
        writeln!(sortie, "  … et {} autres.", n(total - messages.len()))?;
    }
    Ok(())
}

pub(super) fn afficher(r: &CompteRendu, sortie: &mut dyn Write) -> Result<(), Erreur> {
    writeln!(
        sortie,
        "Annuaire de l'éducation ({}) : {} lue{} — {}.",
        r.perimetre,
        lignes(r.lignes),
        if r.lignes > 1 { "s" } else { "" },
        r.format
    )?;
    writeln!(
        sortie,
        "  créés : {} ; mis à jour : {} ; inchangés : {} ; fermés depuis le dernier import : {}",
        n(r.crees),
        n(r.mis_a_jour),
        n(r.inchanges),
        n(r.fermes)
    )?;
    if r.hors_academie > 0 {
        writeln!(
            sortie,
            "  hors de l'académie choisie : {}",
            lignes(r.hors_academie)
        )?;
    }
    if r.academie_inconnue > 0 {
        writeln!(
            sortie,
            "  d'une académie inconnue de Passerelle : {}",
            lignes(r.academie_inconnue)
        )?;
    }
    if r.nb_rejets > 0 {
        writeln!(sortie, "Non importées : {}", lignes(r.nb_rejets))?;
        liste(sortie, &r.rejets, r.nb_rejets)?;
    }
    if r.nb_avertissements > 0 {
        writeln!(sortie, "Avertissements : {}", n(r.nb_avertissements))?;
        liste(sortie, &r.avertissements, r.nb_avertissements)?;
    }
    if !r.fermes_cites.is_empty() {
        writeln!(
            sortie,
            "Établissements fermés d'après le fichier et encore cités dans Passerelle : {}",
            n(r.fermes_cites.len())
        )?;
        for f in &r.fermes_cites {
            writeln!(
                sortie,
                "  {} ({}) : cité par {}",
                f.nom,
                f.uai,
                f.usages.join(" et ")
            )?;
        }
    }
    if r.essai {
        writeln!(sortie, "Essai : rien n'a été enregistré.")?;
    }
    Ok(())
}
