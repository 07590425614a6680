import type { TopicPhrases, TopicKey } from './topic-phrases';

/** English contact-center phrasing for the operation's English queue. Same placeholders as the Spanish table. */
export const PHRASES_EN: Record<TopicKey, TopicPhrases> = {
  billing: {
    subjects: ['Double charge on my card', 'Invoice request', 'Billing error this month', 'Wrong amount on invoice {order}'],
    openers: ['Hi there,', 'Hello, I need help:', 'Dear Aurora Store team,', 'Good afternoon, this is {name} and'],
    details: [
      'I was charged twice for order {order} (${amount}) on the card ending in {last4}.',
      'I need an invoice for order {order} with my company details.',
      "this month's bill shows ${amount} and I don't recognise it.",
      'the promised discount is missing from my invoice and I overpaid ${amount}.',
    ],
    followUps: ['Still waiting on the double charge.', 'Any update on my billing issue? It has been hours.', 'Attaching my bank statement showing both charges.'],
    answers: [
      "Hi {name}, {agent} here. We confirmed the double charge and requested a refund of ${amount}; it'll show in 5-8 business days.",
      'Hello {name}, the invoice for order {order} has been sent to your registered email.',
      "Dear {name}, we reviewed your bill and applied the adjustment. Let us know if there's anything else.",
    ],
    comments: ['Escalated to accounts receivable.', 'Upset customer, goodwill voucher offered.', 'Invoice resent, first-contact resolution.'],
  },
  delivery: {
    subjects: ['Where is my order {order}?', 'Late delivery', 'Item arrived damaged', 'Change delivery address'],
    openers: ['Hi,', 'Hello,', 'Hey!', 'Good morning, {name} here.'],
    details: [
      "order {order} was due on {date} and the courier has no tracking information.",
      'the box arrived crushed and the item is damaged, I need a replacement.',
      "I'd like to change the delivery address for order {order}, I'm moving.",
      "tracking says delivered but I never got it, neither did the doorman.",
    ],
    followUps: ['Any news on my order?', "Three days now and nothing. This is unacceptable.", 'Sending photos of the damaged package.'],
    answers: [
      "Hi {name}, it's {agent}. Order {order} is out for delivery and will arrive tomorrow before 6 pm.",
      "Sorry about that, {name}. We've scheduled a pickup and will ship a replacement at no cost.",
      "We've updated the delivery address for order {order}. Thanks for letting us know!",
    ],
    comments: ['Claim opened with the courier.', 'Delivery rescheduled.', 'Replacement order created (transit damage).'],
  },
  password: {
    subjects: ["Can't log in", 'Forgot my password', 'Account locked', 'Password change'],
    openers: ['Hi,', 'Hello,', 'Please help:', 'Morning, this is {name}.'],
    details: [
      "I forgot my password and the reset email never arrives.",
      'my account got locked after a few attempts and I cannot see my orders.',
      'I want to change my password, I think someone accessed my account.',
      "the SMS verification code doesn't work.",
    ],
    followUps: ['Still locked out.', 'Tried again and the link says it expired.', 'Thanks, can you confirm when it is done?'],
    answers: [
      "Hi {name}, {agent} here. We've sent you a password reset link; it's valid for 30 minutes.",
      'Your account is unlocked, {name}. Please change your password when you sign in.',
      'For your safety we signed out all sessions. You can now set a new password.',
    ],
    comments: ['Identity verified.', 'Possible account takeover, reported to security.', 'Link resent.'],
  },
  complaint: {
    subjects: ['Complaint about customer service', 'Formal complaint', 'Terrible service', 'I want to speak to a supervisor'],
    openers: ["I'm really upset.", 'I want to formally complain:', 'This is the third time I write.', 'With all due respect,'],
    details: [
      'the service I got at the store yesterday was awful and nobody helped.',
      "I've been on hold for over an hour and nobody answers.",
      'the agent hung up on me without solving the problem with order {order}.',
      'I am filing a formal complaint because you did not keep your promise.',
    ],
    followUps: ['I demand an answer today.', 'If you do not reply I will file with consumer protection.', 'Is anyone reading this channel?'],
    answers: [
      "{name}, we're very sorry. I'm {agent}, shift supervisor, and I've escalated your case as high priority.",
      "We've registered your complaint under reference {order}. You'll get a full answer within 15 business days.",
      'We apologise for the service you received. As compensation we are sending you a ${amount} voucher.',
    ],
    comments: ['Sensitive case: escalated to supervisor.', 'Formal complaint registered.', 'Compensation offered.'],
  },
  refund: {
    subjects: ['Return request', 'Pending refund', 'I want to return an item', 'Money back'],
    openers: ['Hi,', 'Good afternoon.', 'Hello,', 'Hi, {name} here:'],
    details: [
      "I'd like to return the item from order {order}, it's the wrong size.",
      "I returned it two weeks ago and still haven't seen the ${amount} refund.",
      "the product doesn't work and I want my money back, not an exchange.",
      'how long do I have to return a sale item?',
    ],
    followUps: ['Has my return been approved?', 'I dropped the item at the store already.', 'I need the reference number, please.'],
    answers: [
      'Hi {name}. Your return for order {order} is approved; the ${amount} refund will arrive in 8 business days.',
      "Hi {name}, {agent} here. The return window is 30 days and your purchase is within it.",
      "Sorry {name}, the return window closed on {date}. We can offer a warranty check instead.",
    ],
    comments: ['Refund approved.', 'Out of window, warranty offered.', 'Awaiting warehouse receipt.'],
  },
  product: {
    subjects: ['Product availability', 'Warranty question', 'Product information', 'Do you ship to my city?'],
    openers: ['Hi!', 'Hello, quick question:', 'Good morning,', 'Hey, how are you.'],
    details: [
      'do you have the fridge from the promotion in grey?',
      'how long is the TV warranty and what does it cover?',
      'do you ship to Medellín or Cartagena? how much is it?',
      'does the product include installation or is that extra?',
    ],
    followUps: ['Can you confirm the price?', 'Thanks, and in instalments?', "OK, I'll buy it today."],
    answers: [
      "Hi {name}! Yes, it's in stock; here is the link to buy it. Best, {agent}.",
      'The warranty is 12 months for manufacturing defects, {name}. Misuse is not covered.',
      'We ship nationwide; the cost depends on the city and is shown at checkout.',
    ],
    comments: ['Question answered.', 'Possible sale, link shared.', 'Out of stock, contact details taken.'],
  },
  cancellation: {
    subjects: ['Cancel subscription', 'Cancel my order', 'Close my account', 'Membership cancellation'],
    openers: ['Hi,', 'Hello,', 'Please', 'I kindly request:'],
    details: [
      'cancel my subscription, you keep charging me ${amount} every month.',
      "cancel order {order}, I don't need it anymore.",
      'cancel my Aurora Plus membership starting today.',
      'I need to cancel the purchase before it ships.',
    ],
    followUps: ['Is it cancelled yet?', 'No offers please, just cancel.', 'Please confirm in writing.'],
    answers: [
      "Hi {name}, your subscription is cancelled; you won't be charged again.",
      'We understand, {name}. Before you go, we can offer three free months. Interested?',
      'Order {order} was cancelled and you will be refunded within 5 business days. Regards, {agent}.',
    ],
    comments: ['Cancellation processed.', 'Customer accepted retention offer.', 'Order stopped before shipping.'],
  },
};
