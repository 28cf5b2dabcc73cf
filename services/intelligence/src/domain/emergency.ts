/**
 * Messages that describe an emergency get the 119 guidance before anything else, whatever the
 * model says or whether it answers at all. Detection errs on the side of showing the guidance:
 * a question about chest pain gets it too, which costs one sentence; missing a real emergency
 * could cost much more.
 */
export type EmergencyKind = 'CARDIAC' | 'STROKE' | 'SELF_HARM';

export interface Emergency {
  kind: EmergencyKind;
  guidance: string;
}

const PATTERNS: ReadonlyArray<readonly [EmergencyKind, RegExp]> = [
  // Self-harm first: it needs a different number (109) besides 119.
  [
    'SELF_HARM',
    /자살|자해|죽고\s*싶|죽어\s*버리고|목숨을?\s*끊|살고\s*싶지\s*않|극단적\s*(?:인\s*)?선택|스스로\s*(?:목숨|해치|다치)|suicid|kill\s+myself|self[-\s]?harm|end\s+my\s+life/i,
  ],
  [
    'STROKE',
    /뇌졸중|중풍|뇌출혈|뇌경색|(?:한쪽|반쪽|한\s*쪽|편측)\s*(?:팔|다리|얼굴|몸)?\S{0,3}\s*(?:이|가|에)?\s*(?:마비|저리|힘이\s*(?:없|빠)|감각이\s*없|움직이지)|얼굴\S{0,3}\s*(?:한쪽\S{0,2}\s*)?(?:비뚤|마비|처지|일그러)|(?:말|발음)\S{0,2}\s*(?:이|가)?\s*(?:어눌|꼬이|꼬여|안\s*나와|나오지\s*않)|갑자기\S{0,6}\s*(?:한쪽\s*)?(?:눈이\s*안\s*보|앞이\s*안\s*보|시야|극심한\s*두통|말이\s*안)|stroke|face\s+droop|slurred\s+speech/i,
  ],
  [
    'CARDIAC',
    /흉통|심근경색|심장\s*마비|가슴\S{0,3}\s*(?:이|가|에|쪽)?\s*(?:\S{0,4}\s*)?(?:통증|아프|아파|아픈|조이|조여|쥐어짜|짓누르|답답하고\s*식은땀|찢어질)|심장\S{0,2}\s*(?:이|가)?\s*(?:멎|멈추|터질)|chest\s+pain|heart\s+attack/i,
  ],
];

const GUIDANCE: Readonly<Record<EmergencyKind, string>> = {
  CARDIAC:
    '⚠️ 가슴 통증은 심근경색 같은 응급 상황의 신호일 수 있어요. 통증이 계속되거나 식은땀·호흡곤란이 함께 있으면 지금 바로 119에 전화하고, 움직이지 말고 편한 자세로 기다리세요.',
  STROKE:
    '⚠️ 얼굴이나 팔다리 한쪽 마비, 어눌한 말, 갑자기 보이지 않는 증상은 뇌졸중의 신호일 수 있어요. 증상이 시작된 시각을 기억하고 지금 바로 119에 전화하세요.',
  SELF_HARM:
    '⚠️ 많이 힘드시죠. 혼자 견디지 않으셔도 돼요. 지금 위험하다고 느껴지면 바로 119에 전화하고, 자살예방상담전화 109에서는 24시간 언제든 이야기를 들어 드려요.',
};

/** The emergency a message describes, if any, with the guidance to show first. */
export function detectEmergency(message: string): Emergency | undefined {
  const text = message.normalize('NFKC');
  for (const [kind, pattern] of PATTERNS) {
    if (pattern.test(text)) return { kind, guidance: GUIDANCE[kind] };
  }
  return undefined;
}

export function emergencyGuidance(kind: EmergencyKind): string {
  return GUIDANCE[kind];
}
