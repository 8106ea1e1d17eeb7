//! `#[derive(Ligne)]` : la lecture d'une fiche dans une ligne de résultat, écrite depuis la
//! déclaration de sa structure. Chaque champ est lu dans la colonne de même nom
//! (`r.get("nom")?`), si bien qu'une structure n'a qu'une correspondance avec ses colonnes.
//!
//! Attributs d'un champ :
//! - `#[ligne(colonne = "x")]` : lu dans la colonne `x` ;
//! - `#[ligne(avec = chemin::fonction)]` : la valeur de la colonne passée à la fonction ;
//! - `#[ligne(par = fonction)]` : la fonction lit elle-même la ligne (plusieurs colonnes) ;
//! - `#[ligne(defaut)]` : pas lu, laissé à sa valeur par défaut (un champ calculé ensuite).
//!
//! Le code produit implémente `crate::base::Ligne` : la dérivation ne sert que dans
//! `passerelle-core`.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Jetons;
use quote::quote;
use syn::{parse_macro_input, Data, DeriveInput, Fields, LitStr, Path};

#[proc_macro_derive(Ligne, attributes(ligne))]
pub fn deriver_ligne(entree: TokenStream) -> TokenStream {
    let entree = parse_macro_input!(entree as DeriveInput);
    produire(&entree)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Comment un champ est rempli.
enum Lecture {
    Colonne(String),
    Avec(String, Path),
    Par(Path),
    Defaut,
}

fn produire(entree: &DeriveInput) -> syn::Result<Jetons> {
    let Data::Struct(donnees) = &entree.data else {
        return Err(syn::Error::new_spanned(
            &entree.ident,
            "#[derive(Ligne)] ne s'applique qu'à une structure",
        ));
    };
    let Fields::Named(champs) = &donnees.fields else {
        return Err(syn::Error::new_spanned(
            &entree.ident,
            "#[derive(Ligne)] demande des champs nommés",
        ));
    };
    let mut valeurs = Vec::new();
    for champ in &champs.named {
        let Some(nom) = &champ.ident else {
            continue;
        };
        let valeur = match lecture(champ)? {
            Lecture::Colonne(c) => quote! { r.get(#c)? },
            Lecture::Avec(c, f) => quote! { #f(r.get(#c)?) },
            Lecture::Par(f) => quote! { #f(r)? },
            Lecture::Defaut => quote! { ::core::default::Default::default() },
        };
        valeurs.push(quote! { #nom: #valeur });
    }
    let nom = &entree.ident;
    let (generiques, types, clause) = entree.generics.split_for_impl();
    Ok(quote! {
        impl #generiques crate::base::Ligne for #nom #types #clause {
            fn depuis_ligne(r: &::rusqlite::Row<'_>) -> ::rusqlite::Result<Self> {
                Ok(Self { #(#valeurs,)* })
            }
        }
    })
}

/// La lecture d'un champ d'après ses attributs `#[ligne(…)]`.
fn lecture(champ: &syn::Field) -> syn::Result<Lecture> {
    let mut colonne = champ
        .ident
        .as_ref()
        .map(|i| i.to_string().trim_start_matches("r#").to_string())
        .unwrap_or_default();
    let mut avec = None;
    let mut par = None;
    let mut defaut = false;
    for attribut in champ.attrs.iter().filter(|a| a.path().is_ident("ligne")) {
        attribut.parse_nested_meta(|m| {
            if m.path.is_ident("colonne") {
                colonne = m.value()?.parse::<LitStr>()?.value();
            } else if m.path.is_ident("avec") {
                avec = Some(m.value()?.parse::<Path>()?);
            } else if m.path.is_ident("par") {
                par = Some(m.value()?.parse::<Path>()?);
            } else if m.path.is_ident("defaut") {
                defaut = true;
            } else {
                return Err(m.error(
                    "attendu : colonne = \"…\", avec = fonction, par = fonction ou defaut",
                ));
            }
            Ok(())
        })?;
    }
    Ok(match (defaut, par, avec) {
        (true, _, _) => Lecture::Defaut,
        (false, Some(f), _) => Lecture::Par(f),
        (false, None, Some(f)) => Lecture::Avec(colonne, f),
        (false, None, None) => Lecture::Colonne(colonne),
    })
}
