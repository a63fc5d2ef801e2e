"""What needs a person's attention: finding owners, each role's home page, notifications.

``owners`` assigns findings to users of the organisation (and engagements' default
owners), ``home`` gathers one user's attention list from the capabilities' own result
objects, ``notices`` words the e-mails and ``services`` sends them through a
``Notifier`` (the SMTP adapter lives in ``fairshore.adapters.mail``), keeping each one
in the outbox, sent or not.
"""
