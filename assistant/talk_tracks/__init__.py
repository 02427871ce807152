"""Talk tracks as users see them: the gate (a draft is shown only when the rules approved it)
and the QBR composer, above drafting and approval (talk_tracks -> drafting -> approval -> policy).

    from assistant.talk_tracks.gate import produce_talk_track, TalkTrack, NoDraft
    from assistant.talk_tracks.qbr import qbr_talk_track, QbrResult
"""
