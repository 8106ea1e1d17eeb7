-- Recherche instantanée dans les actions IPE : le même index plein texte à trigrammes que
-- l'annuaire (migration 12), sur la clé `recherche` de l'action (intitulé et description, sans
-- accents ni majuscules). Une base nationale en garde des centaines de milliers : un mot rare
-- ne doit plus relire toutes les clés.

CREATE VIRTUAL TABLE action_ipe_fts USING fts5(
    recherche, content = 'action_ipe', content_rowid = 'id', tokenize = 'trigram');

CREATE TRIGGER action_ipe_fts_ajout AFTER INSERT ON action_ipe BEGIN
    INSERT INTO action_ipe_fts (rowid, recherche) VALUES (new.id, new.recherche);
END;
CREATE TRIGGER action_ipe_fts_retrait AFTER DELETE ON action_ipe BEGIN
    INSERT INTO action_ipe_fts (action_ipe_fts, rowid, recherche) VALUES ('delete', old.id, old.recherche);
END;
CREATE TRIGGER action_ipe_fts_modif AFTER UPDATE OF id, recherche ON action_ipe BEGIN
    INSERT INTO action_ipe_fts (action_ipe_fts, rowid, recherche) VALUES ('delete', old.id, old.recherche);
    INSERT INTO action_ipe_fts (rowid, recherche) VALUES (new.id, new.recherche);
END;

INSERT INTO action_ipe_fts (action_ipe_fts) VALUES ('rebuild');
